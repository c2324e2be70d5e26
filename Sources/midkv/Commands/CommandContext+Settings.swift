import MidkvCore
import MidkvSupport

extension CommandContext {
    /// The effective settings for a command line that carries ``SettingsOptions``; `logger`
    /// receives where each came from, at debug level.
    ///
    /// - Throws: ``MidkvError`` from the `config` family when config.xml or a value is unusable.
    func settings(from arguments: ParsedArguments, logger: Logger = .disabled) throws -> Settings {
        let path = try SettingsOptions.configPath(
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
        try Self.logger(from: arguments, environment: environment, defaultLevel: "warning")
    }

    /// A logger on standard error at the level and in the format that `--log-level` /
    /// `$MIDKV_LOG_LEVEL` and `--log-format` / `$MIDKV_LOG_FORMAT` ask for.
    ///
    /// - Throws: ``UsageError`` naming the flag or environment variable whose value is unknown.
    static func logger(
        from arguments: ParsedArguments,
        environment: [String: String],
        defaultLevel: String
    ) throws -> Logger {
        let levelName = arguments.value("log-level") ?? environment["MIDKV_LOG_LEVEL"] ?? defaultLevel
        guard let level = Logger.Level(name: levelName) else {
            let names = Logger.Level.allCases.map(\.description).joined(separator: ", ")
            let origin = arguments.value("log-level") == nil ? " in $MIDKV_LOG_LEVEL" : ""
            throw UsageError("unknown log level '\(levelName)'\(origin) (use one of \(names))")
        }

        let formatName = arguments.value("log-format") ?? environment["MIDKV_LOG_FORMAT"] ?? "human"
        guard let format = StreamLogHandler.Format(rawValue: formatName) else {
            let origin = arguments.value("log-format") == nil ? " in $MIDKV_LOG_FORMAT" : ""
            throw UsageError("unknown log format '\(formatName)'\(origin) (use human or json)")
        }
        return Logger(label: "midkv", handler: StreamLogHandler(format: format), minimumLevel: level)
    }
}
