import MidkvSupport

extension Settings {
    /// Resolves every setting from flags, environment, config.xml and defaults, in that order.
    ///
    /// Nothing global is read: the caller passes the environment and the flags. An empty
    /// environment variable counts as unset; a flag given with an empty value counts as given.
    ///
    /// - Parameters:
    ///   - flags: Flags from the command line, keyed by flag name with or without the leading
    ///     dashes (`"--tenant-id"` or `"tenant-id"`); the value is the flag's argument. Switches
    ///     such as `--no-proxy` are on when present with any value other than `"false"`. Keys
    ///     that are not setting flags are ignored.
    ///   - environment: The process environment.
    ///   - configFilePath: The MID's config.xml; `nil` reads no file.
    ///   - fileReader: Reads config.xml, `--client-secret-file`,
    ///     `--client-certificate-passphrase-file` and `--ca-file`.
    ///   - arcAgent: Where the Azure Arc agent's binary and key files are looked for.
    ///   - logger: Receives a debug entry per resolved setting (names and sources only).
    /// - Throws: ``MidkvError``: `config.unreadable` when config.xml cannot be read or parsed;
    ///   `config.invalid-value` for a value that cannot be used (token URL without `%s`, bad
    ///   URL, port, number or boolean, unusable `--client-secret-file`,
    ///   `--client-certificate-passphrase-file` or `--ca-file`, unknown assertion algorithm,
    ///   `--connect-to` that is not a loopback address and port);
    ///   `config.missing-parameter` when `mid.proxy.use_proxy` is true without `mid.proxy.host`;
    ///   `usage.invalid` for `--proxy` together with `--no-proxy`.
    public static func resolve(
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        configFilePath: String? = nil,
        fileReader: ConfigurationFileReader = .system,
        arcAgent: ArcAgentLocations = .standard,
        logger: Logger = .disabled
    ) throws -> Settings {
        let configFile = try configFilePath.map { path in
            try MIDConfigFile(contentsOf: path, reader: fileReader)
        }
        return try resolve(
            flags: flags,
            environment: environment,
            configFile: configFile,
            fileReader: fileReader,
            arcAgent: arcAgent,
            logger: logger
        )
    }

    /// Resolves every setting with an already parsed config.xml.
    ///
    /// Behaves as ``resolve(flags:environment:configFilePath:fileReader:arcAgent:logger:)``
    /// otherwise.
    public static func resolve(
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        configFile: MIDConfigFile?,
        fileReader: ConfigurationFileReader = .system,
        arcAgent: ArcAgentLocations = .standard,
        logger: Logger = .disabled
    ) throws -> Settings {
        var resolver = SettingsResolver(
            flags: flags,
            environment: environment,
            configFile: configFile,
            fileReader: fileReader,
            arcAgent: arcAgent,
            logger: logger
        )
        return try resolver.resolve()
    }
}
