/// Options for how a command writes its results and logs.
enum OutputOptions {
    /// `--format human|json`.
    static let format = OptionSpec.value("format", "human|json", help: "output format (default human)")
    /// `--log-level` and `--log-format`.
    static let logging: [OptionSpec] = [
        .value("log-level", "LEVEL", help: "log to stderr from this level: debug, info, notice, warning (default)"),
        .value("log-format", "human|json", help: "log line format (default human)"),
    ]

    /// The output format the command line asks for.
    enum Format: String {
        case human
        case json
    }

    /// Reads `--format`.
    ///
    /// - Throws: ``UsageError`` for anything but `human` or `json`.
    static func format(from arguments: ParsedArguments) throws -> Format {
        let name = arguments.value("format") ?? "human"
        guard let format = Format(rawValue: name) else {
            throw UsageError("unknown format '\(name)' (use human or json)")
        }
        return format
    }
}
