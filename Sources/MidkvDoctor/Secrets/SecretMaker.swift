import MidkvCore
import MidkvSupport

/// Writes the secret JSON for a credential type from its field values, as the documentation
/// shows it: the documented `type` value first, then the type's canonical keys in catalogue
/// order, compact, with line breaks escaped (PEM keys keep theirs) and nothing added to any
/// value.
///
/// ```swift
/// let maker = SecretMaker(type: "ssh_private_key")
/// let value = try maker.make(["user": Secret("svc-disc"), "ssh_private_key": key])
/// ```
public struct SecretMaker: Sendable {
    /// The type the JSON is written for: a catalogue type, or an application type.
    public let credentialType: CredentialType

    /// Creates a maker for the type string `type`, as the MID sends it.
    public init(type: String) {
        self.credentialType = CredentialType.requested(type)
    }

    /// Every key the type reads, canonical spelling, in catalogue order without repeats.
    public var keys: [String] {
        var seen: Set<String> = []
        return credentialType.shapes.flatMap(\.fields).map(\.key).filter { seen.insert($0).inserted }
    }

    /// The secret value for `fields`, keyed by any accepted spelling.
    ///
    /// Empty values count as absent. For a type with several shapes (`keystore`), the first
    /// shape that holds every given key and has all its required keys is written.
    ///
    /// - Throws: ``MidkvError`` `secret.unknown-field` for a key the type does not read, or one
    ///   given twice under two spellings; `secret.missing-field` for a required key without a
    ///   value.
    public func make(_ fields: [String: Secret]) throws(MidkvError) -> Secret {
        let given = try canonicalFields(fields)
        var members = [(key: "type", value: JSONWriter.string(credentialType.documentedJSONType))]
        for key in try writtenFieldKeys(for: given) {
            if let value = given[key] {
                members.append((key, JSONWriter.string(value.reveal())))
            }
        }
        return Secret(JSONWriter.object(members))
    }

    /// The JSON keys ``make(_:)`` writes for `fields`, in the order written, `type` first.
    ///
    /// - Throws: ``MidkvError`` as ``make(_:)`` does.
    public func writtenKeys(for fields: [String: Secret]) throws(MidkvError) -> [String] {
        ["type"] + (try writtenFieldKeys(for: try canonicalFields(fields)))
    }

    /// The canonical keys of `given` in the order of the shape that holds them.
    private func writtenFieldKeys(for given: [String: Secret]) throws(MidkvError) -> [String] {
        try chooseShape(for: given).fields.map(\.key).filter { given[$0] != nil }
    }

    /// The non-empty values under their canonical keys.
    private func canonicalFields(_ fields: [String: Secret]) throws(MidkvError) -> [String: Secret] {
        var canonical: [String: Secret] = [:]
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !value.isEmpty {
            guard let field = credentialType.shapes.lazy.flatMap(\.fields).first(where: { $0.spellings.contains(key) })
            else {
                throw unknownKey(key)
            }
            guard canonical[field.key] == nil else {
                throw unknownKey(key, duplicateOf: field.key)
            }
            canonical[field.key] = value
        }
        return canonical
    }

    private func chooseShape(for given: [String: Secret]) throws(MidkvError) -> CredentialShape {
        let keys = Set(given.keys)
        let fitting = credentialType.shapes.filter { keys.isSubset(of: Set($0.fields.map(\.key))) }
        if let complete = fitting.first(where: { missingKeys(in: $0, given: keys).isEmpty }) {
            return complete
        }

        let shape = fitting.first ?? credentialType.primaryShape
        guard fitting.isEmpty == false else {
            throw mixedShapes(keys)
        }
        throw missing(missingKeys(in: shape, given: keys), shape: shape)
    }

    /// Required keys of `shape` without a value, `requiredWith` pairs included.
    private func missingKeys(in shape: CredentialShape, given: Set<String>) -> [String] {
        shape.fields.filter { field in
            switch field.presence {
            case .required: !given.contains(field.key)
            case .optional: false
            case .requiredWith(let other): given.contains(other) && !given.contains(field.key)
            }
        }.map(\.key)
    }

    // MARK: - Errors

    private func unknownKey(_ key: String, duplicateOf: String? = nil) -> MidkvError {
        MidkvError(
            .secretUnknownField,
            duplicateOf.map { "`\(key)` and `\($0)` are the same field of type `\(credentialType.name)`; give it once" }
                ?? "`\(key)` is not a field of type `\(credentialType.name)`",
            evidence: [Evidence("field", key), Evidence("fields", keys.joined(separator: ", "))],
            fix: "Give only the fields of type `\(credentialType.name)`: \(credentialType.expectedShapes)."
        )
    }

    private func missing(_ keys: [String], shape: CredentialShape) -> MidkvError {
        MidkvError(
            .secretMissingField,
            "Type `\(credentialType.name)` needs \(keys.map { "`\($0)`" }.joined(separator: ", "))",
            evidence: [
                Evidence("missing", keys.joined(separator: ", ")),
                Evidence("required keys", shape.requiredKeys.joined(separator: ", ")),
            ],
            fix: "Give a value for each: \(shape.expectedShape(type: credentialType.documentedJSONType))."
        )
    }

    private func mixedShapes(_ keys: Set<String>) -> MidkvError {
        MidkvError(
            .secretUnknownField,
            "The fields given belong to different forms of type `\(credentialType.name)`",
            evidence: [Evidence("fields given", keys.sorted().joined(separator: ", "))],
            fix: "Give the fields of one form: \(credentialType.expectedShapes)."
        )
    }
}
