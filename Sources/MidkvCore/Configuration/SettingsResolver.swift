import MidkvSupport

/// Walks the settings catalogue once, applying flag, environment, config.xml, default.
struct SettingsResolver {
    /// A raw value and where it came from, before validation.
    struct Candidate {
        var text: String
        var source: SettingSource
    }

    let flags: [String: String]
    let environment: [String: String]
    let configFile: MIDConfigFile?
    let fileReader: ConfigurationFileReader
    let arcAgent: Settings.ArcAgentLocations
    let logger: Logger
    private(set) var encryptedValues: [EncryptedConfigValue] = []
    private(set) var notes: [String] = []

    init(
        flags: [String: String],
        environment: [String: String],
        configFile: MIDConfigFile?,
        fileReader: ConfigurationFileReader,
        arcAgent: Settings.ArcAgentLocations,
        logger: Logger
    ) {
        self.flags = Dictionary(flags.map { (Self.bareFlag($0.key), $0.value) }) { first, _ in first }
        self.environment = environment
        self.configFile = configFile
        self.fileReader = fileReader
        self.arcAgent = arcAgent
        self.logger = logger
    }

    mutating func resolve() throws -> Settings {
        let scope = try resolveScope()
        let proxy = try resolveProxy()

        var settings = Settings(
            tenantID: lookup(.tenantID).map(setting),
            clientID: lookup(.clientID).map(setting),
            clientSecret: try resolveClientSecret(),
            clientCertificatePath: lookup(.clientCertificate).map(setting),
            clientCertificateKeyPath: lookup(.clientCertificateKey).map(setting),
            clientCertificatePassphrase: try resolveCertificatePassphrase(),
            assertionAlgorithm: try resolveAssertionAlgorithm(),
            federatedTokenFile: lookup(.federatedTokenFile).map(setting),
            vaultName: lookup(.vaultName).map(setting),
            tokenURLTemplate: try resolveTokenURLTemplate(),
            scope: scope,
            vaultSuffix: try resolveVaultSuffix(scope: scope),
            keyVaultAPIVersion: try resolveAPIVersion(),
            proxy: proxy,
            proxyUsernameSource: proxyUsernameSource(proxy),
            proxyPasswordSource: proxyPasswordSource(proxy),
            noProxy: resolveNoProxy(),
            imdsEndpoint: try resolveIMDSEndpoint(),
            appServiceIdentity: try resolveAppServiceIdentity(),
            arcIdentity: try resolveArcIdentity(),
            identityVariables: resolveIdentityVariables(),
            arcAgent: arcAgent,
            connectTo: try resolveConnectTo(),
            caFile: try resolveCAFile(),
            timeout: try resolveTimeout(),
            configFile: configFile,
            encryptedValues: [],
            notes: []
        )

        for key in settings.unusedIdentityVariables {
            note(Self.unusedExplanation(key))
        }

        // Read only now: every lookup above may have added to them.
        settings.encryptedValues = encryptedValues
        settings.notes = notes
        logResolved(settings)
        return settings
    }

    // MARK: - Lookup

    /// The first source that gives `key`: flag, environment, then config.xml. An encrypted
    /// config.xml value is recorded, never returned.
    mutating func lookup(_ key: SettingKey, includingFlags: Bool = true) -> Candidate? {
        let direct = (includingFlags ? flagCandidate(key) : nil) ?? environmentCandidate(key)
        let fromFile = configCandidate(key, superseded: direct != nil)
        return direct ?? fromFile
    }

    /// The value of `flag` (written with dashes), when given.
    func flag(_ flag: String) -> String? {
        flags[Self.bareFlag(flag)]
    }

    /// Whether the switch `flag` is on.
    func isSwitchOn(_ flag: String) -> Bool {
        guard let value = self.flag(flag) else {
            return false
        }
        return value.lowercased() != "false"
    }

    /// The first non-empty variable of `names`.
    func environmentCandidate(names: [String]) -> Candidate? {
        for name in names {
            if let value = environment[name], !value.isEmpty {
                return Candidate(text: value, source: .environment(name))
            }
        }
        return nil
    }

    /// The config.xml parameter `name`: its plain value, or `nil` with the encrypted value
    /// recorded against `key`.
    mutating func configParameter(_ name: String, for key: SettingKey, superseded: Bool = false) -> Candidate? {
        guard let configFile, let parameter = configFile.parameter(named: name) else {
            return nil
        }

        guard case .encrypted(let encryption) = parameter.form else {
            let source = SettingSource.configFile(path: configFile.path, line: parameter.line, parameter: name)
            return Candidate(text: parameter.value.reveal(), source: source)
        }

        record(
            EncryptedConfigValue(
                key: key,
                parameter: parameter,
                path: configFile.path,
                encryption: encryption,
                isSuperseded: superseded
            )
        )
        return nil
    }

    mutating func note(_ text: String) {
        notes.append(text)
    }

    func setting(_ candidate: Candidate) -> Setting<String> {
        Setting(candidate.text, source: candidate.source)
    }

    private func flagCandidate(_ key: SettingKey) -> Candidate? {
        for name in key.flags {
            if let value = flag(name) {
                return Candidate(text: value, source: .flag(name))
            }
        }
        return nil
    }

    private func environmentCandidate(_ key: SettingKey) -> Candidate? {
        environmentCandidate(names: key.environmentVariables)
    }

    private mutating func configCandidate(_ key: SettingKey, superseded: Bool) -> Candidate? {
        for name in key.configParameters {
            if let candidate = configParameter(name, for: key, superseded: superseded) {
                return candidate
            }
            if encryptedValues.contains(where: { $0.parameter.name == name }) {
                return nil
            }
        }
        return nil
    }

    private mutating func record(_ value: EncryptedConfigValue) {
        encryptedValues.append(value)
        if !value.isSuperseded {
            note(value.explanation)
        }
    }

    private func logResolved(_ settings: Settings) {
        guard logger.isEnabled(.debug) else {
            return
        }

        let sources: [(SettingKey, SettingSource?)] = [
            (.tenantID, settings.tenantID?.source), (.clientID, settings.clientID?.source),
            (.clientSecret, settings.clientSecret?.source),
            (.clientCertificate, settings.clientCertificatePath?.source),
            (.federatedTokenFile, settings.federatedTokenFile?.source), (.vaultName, settings.vaultName?.source),
            (.tokenURLTemplate, settings.tokenURLTemplate.source), (.scope, settings.scope.source),
            (.vaultSuffix, settings.vaultSuffix.source), (.proxy, settings.proxy.source),
        ]
        for (key, source) in sources {
            logger.debug(
                "configuration setting resolved",
                ["config.setting": key.name, "config.source": source?.description ?? "not set"]
            )
        }
    }

    private static func bareFlag(_ name: String) -> String {
        String(name.drop { $0 == "-" })
    }
}
