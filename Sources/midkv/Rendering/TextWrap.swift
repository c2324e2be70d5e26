/// Wraps text at word boundaries for terminal output.
enum TextWrap {
    /// Splits `text` into lines of at most `width` columns; continuation lines start with
    /// `indent`. Words longer than a line stay whole. Existing line breaks are kept; other
    /// control characters are written out (see ``TerminalText/neutralized(_:)``).
    static func lines(_ text: String, width: Int, indent: String = "") -> [String] {
        var result: [String] = []
        let paragraphs = TerminalText.neutralized(text).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, paragraph) in paragraphs.enumerated() {
            let prefix = index == 0 ? "" : indent
            result += wrap(prefix + paragraph, width: width, indent: indent)
        }
        return result
    }

    private static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        let leading = String(text.prefix { $0 == " " })
        var lines: [String] = []
        var current = leading
        for word in text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false) {
            let atLineStart = current == leading || current == indent
            if atLineStart && word.isEmpty && !lines.isEmpty {
                continue
            }
            let candidate = atLineStart ? current + word : current + " " + word
            if atLineStart || visibleCount(candidate) <= width {
                current = candidate
            } else {
                lines.append(trimmingTrailingSpaces(current))
                current = indent + word
            }
        }
        lines.append(trimmingTrailingSpaces(current))
        return lines
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var trimmed = line
        while trimmed.hasSuffix(" ") {
            trimmed.removeLast()
        }
        return trimmed
    }

    private static func visibleCount(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                inEscape = character != "m"
            } else {
                count += 1
            }
        }
        return count
    }
}
