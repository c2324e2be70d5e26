/// Writes an object's members again with the repairs its inspection made certain: keys cleaned
/// and renamed, PEM keys unescaped and re-wrapped, line breaks dropped from the end of flagged
/// one-line values.
struct MemberRepair {
    let inspection: SecretInspection
    private(set) var changes: [SecretRepair.Change] = []

    init(inspection: SecretInspection) {
        self.inspection = inspection
    }

    /// The repaired text, or `nil` when no member needs a repair.
    mutating func run() -> [UInt8]? {
        let keys = repairedKeys()
        var members: [(key: String, value: String)] = []
        for index in inspection.members.indices {
            members.append((keys[index], repairedValue(at: index)))
        }

        guard !changes.isEmpty else {
            return nil
        }
        return Array(JSONWriter.object(members).utf8)
    }

    // MARK: - Keys

    /// Each member's key after cleaning and renaming; a member keeps its key when the new one
    /// would collide with another.
    private mutating func repairedKeys() -> [String] {
        let members = inspection.members
        var keys = members.indices.map { index in
            inspection.notes[index].renameTo ?? inspection.notes[index].cleanedKey ?? members[index].key
        }

        for index in keys.indices where keys[index] != members[index].key {
            let collides = keys.indices.contains { $0 != index && keys[$0] == keys[index] }
            guard !collides else {
                keys[index] = members[index].key
                continue
            }
            changes.append(keyChange(at: index, to: keys[index]))
        }
        return keys
    }

    private func keyChange(at index: Int, to key: String) -> SecretRepair.Change {
        let original = inspection.members[index].key
        let note = inspection.notes[index]
        let cleaned = note.cleanedKey.map { _ in "removed invisible characters and spaces from the key" }
        let renamed = note.renameTo.map { "renamed the key to `\($0)`" }
        let summary = [cleaned, renamed].compactMap { $0 }.joined(separator: "; ")
        return SecretRepair.Change(field: original, summary: summary.isEmpty ? "renamed the key to `\(key)`" : summary)
    }

    // MARK: - Values

    private mutating func repairedValue(at index: Int) -> String {
        let member = inspection.members[index]
        let note = inspection.notes[index]
        let raw = String(decoding: inspection.text[member.valueRange], as: UTF8.self)
        guard let span = member.valueSpan else {
            return raw
        }

        if let reading = note.pem {
            return repairedKey(reading, note: note, span: span, member: member) ?? raw
        }
        if note.trailingLineBreak {
            var value = JSONStringDecoder.string(span, in: inspection.text)
            let before = value.unicodeScalars.count
            while let last = value.unicodeScalars.last, last == "\n" || last == "\r" {
                value.unicodeScalars.removeLast()
            }
            let removed = before - value.unicodeScalars.count
            changes.append(
                SecretRepair.Change(
                    field: member.key,
                    summary: "removed \(removed) line-break character\(removed == 1 ? "" : "s") at the end"
                )
            )
            return JSONWriter.string(value)
        }
        return raw
    }

    private mutating func repairedKey(
        _ reading: PEMReading,
        note: MemberNote,
        span: JSONStringSpan,
        member: ScannedMember
    ) -> String? {
        var value = JSONStringDecoder.utf8(span, in: inspection.text)
        var summaries: [String] = []
        if note.pemEscaped {
            value = PEMEscapes.unescaped(value)
            summaries.append("turned the `\\n` text back into line breaks")
        }
        if reading.needsRewrapping, reading.canRewrap {
            value = reading.rewrapped()
            summaries.append(
                "wrote the header, body and footer on lines of their own, the body in lines of \(reading.lineWidth)"
            )
        }

        guard !summaries.isEmpty else {
            return nil
        }
        changes.append(SecretRepair.Change(field: member.key, summary: summaries.joined(separator: "; ")))
        return JSONWriter.string(String(decoding: value, as: UTF8.self))
    }
}
