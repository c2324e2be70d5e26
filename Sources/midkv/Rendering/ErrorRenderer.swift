import MidkvCore

/// Writes a ``MidkvError`` to standard error: the code and message, what was seen, the cause
/// and the fix, wrapped for an 80-column terminal.
struct ErrorRenderer {
    let console: Console

    /// Writes `error` to standard error.
    func report(_ error: MidkvError) {
        console.err(render(error, colored: console.colorsErrors))
    }

    /// The text written for `error`.
    func render(_ error: MidkvError, colored: Bool) -> String {
        let label = "error[\(error.code)]"
        let head = colored ? "\u{1B}[31m\(label)\u{1B}[0m" : label
        var lines = TextWrap.lines("\(head): \(error.message)", width: 80, indent: "  ")
        for item in error.evidence {
            let value = TerminalText.oneLine(item.value)
            lines += TextWrap.lines("  seen: \(item.label): \(value)", width: 80, indent: "        ")
        }
        if let cause = error.cause {
            lines += TextWrap.lines("  cause: \(cause)", width: 80, indent: "         ")
        }
        lines += TextWrap.lines("  fix: \(error.fix)", width: 80, indent: "       ")
        return lines.joined(separator: "\n")
    }
}
