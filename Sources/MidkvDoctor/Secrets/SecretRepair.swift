import MidkvCore
import MidkvSupport

/// Repairs a secret value where the fix is certain, and says what it changed.
///
/// ```swift
/// let outcome = SecretRepair(credentialType: "ssh_private_key").repair(contentsOf: data)
/// if let fixed = outcome.value { /* write it; outcome.changes lists what changed */ }
/// ```
///
/// A repair never guesses. It drops a UTF-8 byte-order mark, converts UTF-16 that carries a
/// byte-order mark, escapes raw line breaks inside JSON strings, removes invisible characters
/// and surrounding spaces from keys, renames keys to the catalogue's canonical spelling (an
/// accepted alias, a key that differs only in case, `_` or `-`, or the key the resolver itself
/// suggests for a missing field), undoes a second layer of escaping in PEM keys, writes PEM
/// keys again with the header, body and footer on lines of their own, and removes line breaks
/// from the end of one-line fields that the linter flagged. Anything else stays as it is and
/// is reported in ``Outcome/remaining``.
///
/// The repaired JSON is compact, members in their original order.
public struct SecretRepair: Sendable {
    /// One thing a repair changed, described without values.
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        /// The key concerned, as it was written, or `nil` for the whole value.
        public let field: String?
        /// What changed.
        public let summary: String

        /// Creates a change.
        public init(field: String?, summary: String) {
            self.field = field
            self.summary = summary
        }

        public var description: String {
            field.map { "\(FindingText.key($0)): \(summary)" } ?? summary
        }
    }

    /// What a repair produced.
    public struct Outcome: Sendable {
        /// The repaired value, or `nil` when nothing could be repaired with certainty.
        public let value: Secret?
        /// What changed, in order.
        public let changes: [Change]
        /// The findings of the repaired value, or of the input when nothing was repaired.
        public let remaining: [Finding]
    }

    /// The credential type the value is for, as ``SecretLinter`` takes it.
    public let credentialType: String?

    /// Creates a repair for values of `credentialType`, or of their own `type` when `nil`.
    public init(credentialType: String? = nil) {
        self.credentialType = credentialType
    }

    /// Repairs a stored value.
    public func repair(_ value: Secret) -> Outcome {
        repair(bytes: Array(value.reveal().utf8))
    }

    /// Repairs the bytes of a file or of standard input.
    public func repair(contentsOf bytes: some Collection<UInt8>) -> Outcome {
        repair(bytes: [UInt8](bytes))
    }

    private func repair(bytes: [UInt8]) -> Outcome {
        let linter = SecretLinter(credentialType: credentialType)
        var inspection = linter.inspect(bytes)
        guard inspection.isReadable else {
            return Outcome(value: nil, changes: [], remaining: inspection.reportedFindings)
        }

        var changes = inspection.encodingChange.map { [Self.change(for: $0)] } ?? []
        var text = inspection.text
        if inspection.document == nil, let escaped = RawLineBreaks.escaped(text) {
            let candidate = linter.inspect(escaped.text)
            if candidate.document != nil {
                changes.append(
                    Change(field: nil, summary: "escaped \(escaped.count) raw line breaks or tabs inside JSON strings")
                )
                text = escaped.text
                inspection = candidate
            }
        }

        if inspection.document != nil {
            var rebuild = MemberRepair(inspection: inspection)
            if let rebuilt = rebuild.run() {
                text = rebuilt
                changes += rebuild.changes
            }
        }

        guard !changes.isEmpty else {
            return Outcome(value: nil, changes: [], remaining: inspection.reportedFindings)
        }
        let remaining = linter.inspect(text).reportedFindings
        return Outcome(value: Secret(String(decoding: text, as: UTF8.self)), changes: changes, remaining: remaining)
    }

    private static func change(for encoding: SecretInspection.EncodingChange) -> Change {
        switch encoding {
        case .droppedByteOrderMark:
            Change(field: nil, summary: "removed the UTF-8 byte-order mark")
        case .convertedFromUTF16(let bigEndian):
            Change(field: nil, summary: "converted UTF-16 (\(bigEndian ? "big" : "little")-endian) to UTF-8")
        }
    }
}
