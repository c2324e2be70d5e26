import MidkvCore

extension SecretInspection {
    /// Where a suspicious character sits, which decides how much it matters.
    enum Place {
        /// In a key: the key matches no field.
        case key
        /// In the `type` value: the type matches no record.
        case type
        /// In a PEM key: the key cannot be read.
        case pem
        /// In another field's value: the target most likely rejects it.
        case value
    }

    /// Reports the suspicious characters of a key, every kind as an error.
    mutating func reportCharacters(_ scan: CharacterScan, inKeyOf index: Int) {
        for occurrence in scan.occurrences {
            reportCharacter(occurrence, at: .key, member: index)
        }
    }

    /// Reports the suspicious characters of a value. Typographic quotes count only at either
    /// end, and letters that look Latin only when the rest of the value is ASCII.
    mutating func reportCharacters(_ scan: CharacterScan, inValueOf index: Int, place: Place) {
        for occurrence in scan.occurrences {
            switch occurrence.kind {
            case .smartQuote where place == .value:
                guard occurrence.firstPosition == 1 || occurrence.lastPosition == scan.length else {
                    continue
                }
            case .lookAlike where place == .value:
                guard scan.otherNonASCII == 0 else {
                    continue
                }
            default:
                break
            }
            reportCharacter(occurrence, at: place, member: index)
        }
    }

    private mutating func reportCharacter(_ occurrence: CharacterScan.Occurrence, at place: Place, member index: Int) {
        let member = members[index]
        let subject = place == .key ? "The key \(FindingText.key(member.key))" : FindingText.key(member.key)
        let times = occurrence.count == 1 ? "" : " (\(occurrence.count) times)"
        var evidence = [
            Evidence(place == .key ? "key" : "field", FindingText.key(member.key)),
            Evidence("character", SuspiciousCharacter.describe(occurrence.scalar)),
            Evidence("occurrences", "\(occurrence.count)"),
            Evidence("first at character", "\(occurrence.firstPosition)"),
        ]
        evidence += location(occurrence.firstOffset)

        report(
            place == .value ? .warning : .error,
            .secretInvisibleCharacter,
            "\(subject) contains \(SuspiciousCharacter.codePoint(occurrence.scalar)), "
                + "\(occurrence.kind.phrase)\(times)",
            evidence: evidence,
            cause: Self.origin(of: occurrence.kind) + " " + Self.consequence(at: place),
            fix: place == .key
                ? "Retype the key in a plain-text editor, or run `midkv secret lint --fix`."
                : "Retype the value in a plain-text editor, or build it with `midkv secret make`, and store it again."
        )
    }

    private static func origin(of kind: SuspiciousCharacter.Kind) -> String {
        switch kind {
        case .invisible:
            "Zero-width, direction and byte-order-mark characters come along with text copied from web pages, "
                + "chat and documents; they draw nothing but are part of the text."
        case .control:
            "Control characters are never typed; they come from binary data or broken copy and paste."
        case .unusualSpace:
            "Word processors and web pages use non-breaking spaces, which look like spaces but are other characters."
        case .smartQuote:
            "Word processors replace `\"` and `'` with typographic quotes; pasted along with a value they become "
                + "part of it."
        case .dash:
            "Word processors and chat tools turn `-` into dashes that look much the same."
        case .lookAlike:
            "Letters of other scripts (Cyrillic, Greek) and full-width forms look like ASCII but are other characters."
        }
    }

    private static func consequence(at place: Place) -> String {
        switch place {
        case .key: "The MID looks keys up by their exact spelling, so this key matches no field."
        case .type: "The type then matches no credential record."
        case .pem: "A PEM reader rejects the key."
        case .value: "The MID passes it on as part of the value, so the target will most likely reject the credential."
        }
    }

    // MARK: - Whitespace in values

    /// Reports spaces and line breaks around a one-line value, and line breaks inside it.
    mutating func reportWhitespace(_ scan: CharacterScan, inValueOf index: Int, place: Place) {
        guard scan.hasEdgeWhitespace || scan.interiorLineBreaks > 0, !scan.isBlank else {
            return
        }

        var parts: [String] = []
        if scan.hasEdgeWhitespace {
            parts.append(scan.edgeWhitespaceSummary)
        }
        if scan.interiorLineBreaks > 0 {
            parts.append(
                "has \(scan.interiorLineBreaks == 1 ? "a line break" : "\(scan.interiorLineBreaks) line breaks") inside"
            )
        }
        notes[index].trailingLineBreak = scan.endsWithLineBreaksOnly && place == .value

        let name = FindingText.key(members[index].key)
        report(
            place == .type ? .error : .warning,
            .secretWhitespace,
            "\(name) \(parts.joined(separator: " and "))",
            evidence: whitespaceEvidence(scan, name: name),
            cause: scan.trailing.contains("\n") || scan.trailing.contains("\r")
                ? "Values read from files that `echo` or an editor wrote end in a line break, and the MID sends it "
                    + "as part of the value."
                : "The MID sends the value exactly as stored, spaces and line breaks included.",
            fix: "Store the value without them: write files with `printf '%s'` rather than `echo`, use "
                + "`midkv secret make` with `--password-file`, or run `midkv secret lint --fix` for line breaks at "
                + "the end."
        )
    }

    private func whitespaceEvidence(_ scan: CharacterScan, name: String) -> [Evidence] {
        var evidence = [Evidence("field", name)]
        if !scan.leading.isEmpty {
            evidence.append(Evidence("at the start", CharacterScan.describe(scan.leading)))
        }
        if !scan.trailing.isEmpty {
            evidence.append(Evidence("at the end", CharacterScan.describe(scan.trailing)))
        }
        if scan.interiorLineBreaks > 0 {
            evidence.append(Evidence("line breaks inside", "\(scan.interiorLineBreaks)"))
        }
        evidence.append(Evidence("value length", "\(scan.length) characters"))
        return evidence
    }
}
