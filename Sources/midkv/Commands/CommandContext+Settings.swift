import MidkvCore
import MidkvSupport

extension CommandContext {
    /// The effective settings for a command line that carries ``SettingsOptions``; `logger`
    /// receives where each came from, at debug level.
    ///
    /// - Throws: ``MidkvError`` from the `config` family when config.xml or a value is unusable.
    func settings(from arguments: ParsedArguments, logger: Logger = .disabled) throws -> Settings {
        let path = SettingsOptions.configPath(
            from: arguments,
            environment: environment,
            currentDirectory: currentDirectory
        )
        return try Settings.resolve(
            flags: SettingsOptions.flags(from: arguments),
            environment: environment,
            configFilePath: path,
            logger: logger
        )
    }

    /// The logger for a command: warnings and above on standard error, or what
    /// `--log-level` / `$MIDKV_LOG_LEVEL` and `--log-format` ask for.
    func logger(from arguments: ParsedArguments) throws -> Logger {
        let levelName = arguments.value("log-level") ?? environment["MIDKV_LOG_LEVEL"] ?? "warning"
        guard let level = Logger.Level(name: levelName) else {
            let names = Logger.Level.allCases.map(\.description).joined(separator: ", ")
            throw UsageError("unknown log level '\(levelName)' (use one of \(names))")
        }
        let formatName = arguments.value("log-format") ?? environment["MIDKV_LOG_FORMAT"] ?? "human"
        guard let format = StreamLogHandler.Format(rawValue: formatName) else {
            throw UsageError("unknown log format '\(formatName)' (use human or json)")
        }
        return Logger(label: "midkv", handler: StreamLogHandler(format: format), minimumLevel: level)
    }
}
