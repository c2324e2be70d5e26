/// Why a seed file could not be used, naming the JSON path of the offending value.
///
/// Messages name fields, names and IDs, never a secret value or client secret.
public struct EmulatorSeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem; the raw value is a stable dotted code.
    public enum Code: String, Sendable, CaseIterable {
        /// The file could not be read.
        case unreadable = "seed.unreadable"
        /// The text is not JSON.
        case notJSON = "seed.not-json"
        /// A value has the wrong JSON type.
        case wrongType = "seed.wrong-type"
        /// A required field is absent.
        case missingField = "seed.missing-field"
        /// A field name the seed format does not define (often a typo).
        case unknownField = "seed.unknown-field"
        /// A value breaks a rule, such as a malformed GUID or vault name.
        case invalidValue = "seed.invalid-value"
        /// A value refers to something the seed does not define, such as an unknown tenant.
        case unknownReference = "seed.unknown-reference"
        /// Two entries share a name or ID that must be unique.
        case duplicate = "seed.duplicate"
    }

    /// The kind of problem.
    public var code: Code
    /// The JSON path of the value, such as `vaults[0].secrets[2].name`; `(top level)` for the
    /// whole document.
    public var path: String
    /// What is wrong and what to write instead.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path.isEmpty ? "(top level)" : path
        self.message = message
    }

    public var description: String {
        "\(code.rawValue) at \(path): \(message)"
    }

    /// Renders a decoder coding path as `vaults[0].secrets[2].name`.
    static func render(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
