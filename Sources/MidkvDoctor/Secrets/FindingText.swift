import MidkvCore

/// Writes what findings show of a secret's structure: key names and type names made visible,
/// never a value.
enum FindingText {
    /// Keys longer than this are described by their length rather than shown.
    static let longestShownKey = 64

    /// `text` with each suspicious character, and each tab or line break, written as `<U+XXXX>`
    /// so that a message about an invisible character shows where it is.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else {
            return text
        }

        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "<\(SuspiciousCharacter.codePoint(scalar))>"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A key for messages: `user`, `user<U+200B>`, or `a 300-character key`.
    static func key(_ key: String) -> String {
        guard key.count <= longestShownKey else {
            return "a \(key.count)-character key"
        }
        return "`\(visible(key))`"
    }

    /// A `type` value for messages when it looks like a type name, else its length only: a
    /// value put in `type` by mistake may be a password.
    static func typeValue(_ value: String) -> String {
        guard looksLikeTypeName(value) else {
            return "a \(value.count)-character value that is not a type name"
        }
        return "`\(value)`"
    }

    /// Whether `value` could be a type name: short, ASCII letters, digits and `_ - , .`.
    static func looksLikeTypeName(_ value: String) -> Bool {
        value.count <= 64
            && value.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-,.".unicodeScalars.contains($0))
            }
    }

    /// `a`, `a or b`, `a, b or c`, each in backticks.
    static func alternatives(_ names: [String]) -> String {
        let quoted = names.map { "`\($0)`" }
        guard let last = quoted.last, quoted.count > 1 else {
            return quoted.first ?? ""
        }
        return quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    /// `finding` with every text made visible.
    static func visible(_ finding: Finding) -> Finding {
        var copy = finding
        copy.message = visible(finding.message)
        copy.evidence = finding.evidence.map { Evidence($0.label, visible($0.value)) }
        copy.cause = finding.cause.map(visible)
        copy.fix = finding.fix.map(visible)
        return copy
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x09 || scalar.value == 0x0A || scalar.value == 0x0D
            || SuspiciousCharacter.kind(of: scalar) != nil
    }
}
