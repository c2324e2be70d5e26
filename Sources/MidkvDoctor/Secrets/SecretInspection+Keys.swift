import MidkvCore
import MidkvSupport

extension SecretInspection {
    /// Checks each key: hidden characters and spaces, keys the type does not read, alternative
    /// spellings. Notes each member's catalogue field and any rename a repair can make.
    mutating func checkKeys() {
        for index in members.indices {
            checkKeyCharacters(at: index)
            let key = notes[index].cleanedKey ?? members[index].key
            notes[index].field = fieldDefinition(for: key)
        }

        for index in members.indices where members[index].key != "type" {
            if notes[index].field == nil {
                checkUnknownKey(at: index)
            } else {
                checkSpelling(at: index)
            }
        }
        dropUnsafeRenames()
    }

    /// The catalogue field `key` names: in the credential type when one applies, else in any
    /// catalogue type.
    func fieldDefinition(for key: String) -> CredentialField? {
        guard key != "type" else {
            return nil
        }
        if let credentialType {
            return credentialType.shapes.lazy.flatMap(\.fields).first { $0.spellings.contains(key) }
        }
        return CredentialType.catalogue.lazy.flatMap(\.shapes).flatMap(\.fields).first { $0.spellings.contains(key) }
    }

    // MARK: - Characters in keys

    private mutating func checkKeyCharacters(at index: Int) {
        let member = members[index]
        guard member.keySpan.hasEscapes || member.key.utf8.contains(where: { !Self.isPlainKeyByte($0) }) else {
            return
        }

        let scan = CharacterScan(span: member.keySpan, in: text)
        reportCharacters(scan, inKeyOf: index)
        if scan.hasEdgeWhitespace {
            reportKeyWhitespace(scan, at: index)
        }

        let cleaned = scan.cleaned
        if cleaned != member.key, !cleaned.isEmpty {
            notes[index].cleanedKey = cleaned
        }
    }

    private mutating func reportKeyWhitespace(_ scan: CharacterScan, at index: Int) {
        let key = FindingText.key(members[index].key)
        report(
            .error,
            .secretWhitespace,
            "The key \(key) \(scan.edgeWhitespaceSummary)",
            evidence: [Evidence("key", key)] + location(members[index].keySpan.start),
            cause: "The MID looks keys up by their exact spelling, so a key with spaces or line breaks around it "
                + "matches no field.",
            fix: "Write the key without the surrounding whitespace, or run `midkv secret lint --fix`."
        )
    }

    /// Letters, digits, `_` and `-`: bytes that need no closer look in a key.
    private static func isPlainKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    // MARK: - Unknown keys

    private mutating func checkUnknownKey(at index: Int) {
        guard let type = credentialType else {
            return
        }

        let key = members[index].key
        let (suggestion, sure) = suggestion(for: key, cleaned: notes[index].cleanedKey ?? key, in: type)
        if sure, let suggestion {
            notes[index].renameTo = suggestion
        }

        let shown = FindingText.key(key)
        report(
            suggestion == nil ? .note : .warning,
            .secretUnknownField,
            "\(shown) is not a key type `\(type.name)` reads" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
            evidence: [Evidence("key", shown), Evidence("keys read", Self.spellings(of: type).joined(separator: ", "))]
                + (suggestion.map { [Evidence("nearest valid key", $0)] } ?? []),
            cause: "The MID ignores keys it does not know, so this value never reaches the credential.",
            fix: suggestion.map { "Rename \(shown) to `\($0)`." }
                ?? "Remove \(shown), or leave it: the MID ignores it."
        )
    }

    /// The key `key` most likely stands for, and whether that is sure enough to rename it: the
    /// resolver suggested it, or the keys differ only in case, `_`, `-` and hidden characters.
    private func suggestion(for key: String, cleaned: String, in type: CredentialType) -> (String?, Bool) {
        if let expected = suggestedRenames[key] {
            return (expected, true)
        }

        let spellings = Self.spellings(of: type)
        let plain = Self.normalised(cleaned)
        if let equal = spellings.first(where: { Self.normalised($0) == plain }) {
            return (canonical(equal, in: type), true)
        }

        let related = spellings.filter { spelling in
            let other = Self.normalised(spelling)
            return min(other.count, plain.count) >= 4 && (plain.contains(other) || other.hasPrefix(plain))
        }
        let nearest =
            related.min { NameDistance.between(cleaned, $0) < NameDistance.between(cleaned, $1) }
            ?? NameDistance.nearest(to: cleaned, among: spellings)
        return (nearest.map { canonical($0, in: type) }, false)
    }

    /// Every key and alias the type reads, in field order, without repeats.
    static func spellings(of type: CredentialType) -> [String] {
        var seen: Set<String> = []
        return type.shapes.flatMap(\.fields).flatMap(\.spellings).filter { seen.insert($0).inserted }
    }

    private func canonical(_ spelling: String, in type: CredentialType) -> String {
        type.shapes.lazy.flatMap(\.fields).first { $0.spellings.contains(spelling) }?.key ?? spelling
    }

    /// Lower case, without `_`, `-`, spaces and suspicious characters.
    static func normalised(_ key: String) -> String {
        String(
            String.UnicodeScalarView(
                key.lowercased().unicodeScalars.filter {
                    !"_- ".unicodeScalars.contains($0) && SuspiciousCharacter.kind(of: $0) == nil
                }
            )
        )
    }

    // MARK: - Alternative spellings

    private mutating func checkSpelling(at index: Int) {
        guard let field = notes[index].field else {
            return
        }

        if members[index].key != field.key {
            notes[index].renameTo = field.key
        }

        let key = notes[index].cleanedKey ?? members[index].key
        if key != field.key {
            reportAlias(key, field: field, at: index)
        }
    }

    private mutating func reportAlias(_ key: String, field: CredentialField, at index: Int) {
        let others = members.indices.filter { $0 != index && field.spellings.contains(members[$0].key) }
        guard others.isEmpty else {
            reportBothSpellings(field, present: [key] + others.map { members[$0].key })
            return
        }

        report(
            .note,
            .secretAliasUsed,
            "The key `\(key)` is an accepted spelling of `\(field.key)`",
            evidence: [Evidence("key", key), Evidence("documented key", field.key)],
            cause: "midkv reads \(FindingText.alternatives(field.spellings)); the ServiceNow documentation writes "
                + "`\(field.key)`, and other resolvers may read only that.",
            fix: "Nothing to change for midkv; rename it to `\(field.key)` to follow the documentation "
                + "(`midkv secret lint --fix` does)."
        )
    }

    private mutating func reportBothSpellings(_ field: CredentialField, present: [String]) {
        let reported = findings.contains { finding in
            finding.code == .secretAliasUsed && finding.severity == .warning
                && finding.evidence.contains { $0.label == "documented key" && $0.value == field.key }
        }
        guard !reported else {
            return
        }

        report(
            .warning,
            .secretAliasUsed,
            "The secret spells `\(field.key)` more than one way: \(FindingText.alternatives(present))",
            evidence: [Evidence("keys", present.joined(separator: ", ")), Evidence("documented key", field.key)],
            cause: "midkv reads the first spelling with a non-empty value, in the order "
                + "\(FindingText.alternatives(field.spellings)); other readers may choose another.",
            fix: "Keep only `\(field.key)`."
        )
    }

    /// Keeps renames whose target no other member holds or is renamed to.
    private mutating func dropUnsafeRenames() {
        let keys = Set(members.map(\.key))
        var targets: [String: Int] = [:]
        for note in notes {
            if let target = note.renameTo {
                targets[target, default: 0] += 1
            }
        }

        for index in notes.indices {
            guard let target = notes[index].renameTo else {
                continue
            }
            if keys.contains(target) || targets[target, default: 0] > 1 {
                notes[index].renameTo = nil
            }
        }
    }
}
