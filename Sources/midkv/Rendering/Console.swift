import Foundation

/// Writes results to standard output and problems to standard error, with colour only where
/// it helps: on a terminal, when `NO_COLOR` is unset and `TERM` is not `dumb`.
struct Console: Sendable {
    /// Colours the console may use.
    enum Style: String, Sendable {
        case red = "31"
        case yellow = "33"
        case green = "32"
        case cyan = "36"
        case bold = "1"
        case dim = "2"
    }

    /// Whether standard output takes colour.
    let colorsOutput: Bool
    /// Whether standard error takes colour.
    let colorsErrors: Bool

    init(environment: [String: String]) {
        let allowed = environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        colorsOutput = allowed && isatty(STDOUT_FILENO) == 1
        colorsErrors = allowed && isatty(STDERR_FILENO) == 1
    }

    /// Writes `text` and a newline to standard output.
    func out(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    /// Writes `text` and a newline to standard error.
    func err(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    /// `text` wrapped in `style` when standard output takes colour.
    func styled(_ text: String, _ style: Style) -> String {
        colorsOutput ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// `text` wrapped in `style` when standard error takes colour.
    func styledError(_ text: String, _ style: Style) -> String {
        colorsErrors ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    private func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress, buffer.count)
            }
            guard written > 0 else {
                return
            }
            offset += written
        }
    }
}
