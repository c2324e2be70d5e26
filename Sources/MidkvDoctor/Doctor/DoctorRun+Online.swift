import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

extension DoctorRun {
    // MARK: - Network

    mutating func checkNetwork() async {
        guard let settings = config.settings else {
            return
        }

        let targets = NetworkTargets(settings: settings, plan: config.plan, parsed: parsed, request: request)
        facts.vaultHosts = targets.vaultHosts
        var configuration = targets.configuration()
        dependencies.adjustNetwork(&configuration)

        let check = NetworkCheck(configuration: configuration, resolver: dependencies.nameResolver, logger: logger)
        let report = await check.run()
        for hop in report.hops where hop.isInUse && !hop.passed {
            unreachable[hop.hop.host.lowercased()] = Self.unreachableReason(hop, in: report)
        }
        emit(report.findings)
    }

    /// Why what needs `hop` is skipped: the host, the path when it is the proxy, and the code of
    /// the finding that reports the failure.
    static func unreachableReason(_ hop: HopReport, in report: NetworkReport) -> String {
        let failure =
            report.failure(of: hop)
            ?? report.findings.first { $0.severity == .error && $0.mentions(hop.hop.host) }
        var reason = "the network check failed for \(hop.hop.host)"
        if case .proxy = hop.path {
            reason += " \(hop.path.phrase)"
        }
        return reason + (failure.map { " (\($0.code))" } ?? "")
    }

    // MARK: - Identity

    mutating func checkIdentity() async {
        guard let settings = config.settings, let plan = config.plan else {
            identityFailure = signInImpossible
            emit(.skipped(IdentityStep.checkName, "sign-in", because: signInImpossible))
            return
        }

        let host = Self.identityHost(plan)
        if let reason = unreachable[host.lowercased()] {
            identityFailure = reason
            emit(.skipped(IdentityStep.checkName, "sign-in", because: reason))
            return
        }

        guard let transport = carrier(settings), let resolver = makeResolver(settings, transport: transport) else {
            return
        }
        let step = IdentityStep(
            settings: settings,
            plan: plan,
            transport: transport,
            cache: resolver.tokenCache,
            time: dependencies.time,
            logger: logger
        )
        let outcome = await step.run()
        claims = outcome.claims
        if let failure = outcome.findings.first(where: { $0.severity == .error }) {
            identityFailure = "sign-in failed (\(failure.code))"
            identityFailureCode = failure.code
        }
        facts.principal = outcome.claims.map(IdentityStep.principal)
        emit(outcome.findings)
    }

    private var signInImpossible: String {
        guard let error = config.planError else {
            return "the settings allow no sign-in"
        }
        return "sign-in is not possible with these settings (\(error.code)): \(error.message)"
    }

    /// The host sign-in talks to: the token URL's host, or the managed identity endpoint's.
    static func identityHost(_ plan: AuthenticationPlan) -> String {
        switch plan.method {
        case .clientSecret(let secret): secret.tokenURL.host ?? ""
        case .clientCertificate(let certificate): certificate.tokenURL.host ?? ""
        case .workloadIdentity(let identity): identity.tokenURL.host ?? ""
        case .managedIdentity(let identity): identity.endpoint.url.host ?? ""
        }
    }

    // MARK: - Vaults

    mutating func checkVaults() async {
        guard let settings = config.settings else {
            return
        }

        let hosts = NetworkTargets(settings: settings, plan: config.plan, parsed: parsed, request: request).vaultHosts
        guard !hosts.isEmpty else {
            emit(.skipped(VaultChallengeStep.checkName, "vault challenge", because: Self.noVault))
            return
        }
        for host in hosts {
            await checkVault(host, settings: settings)
        }
    }

    private mutating func checkVault(_ host: String, settings: Settings) async {
        if let reason = unreachable[host] {
            vaultFailures[host] = reason
            emit(.skipped(VaultChallengeStep.checkName, host, because: reason))
            return
        }
        guard let transport = carrier(settings), let url = URL(string: "https://\(host)") else {
            return
        }

        let step = VaultChallengeStep(settings: settings, transport: transport, time: dependencies.time, logger: logger)
        let finding = await step.run(
            vault: url,
            expectedTenant: expectedTenant(settings),
            tenantInDoubt: identityFailureCode.map(Self.tenantSuspects.contains) ?? false
        )
        if finding.severity == .error {
            vaultFailures[host] = "the vault check failed (\(finding.code))"
        }
        emit(finding)
    }

    /// The tenant tokens are issued in: the configured one when sign-in names it, else the token's.
    private func expectedTenant(_ settings: Settings) -> String? {
        config.plan.flatMap(Self.configuredTenant) ?? claims?.tenantID
    }

    /// The tenant a sign-in mode names in its settings; managed identity names none.
    static func configuredTenant(_ plan: AuthenticationPlan) -> String? {
        switch plan.method {
        case .clientSecret(let secret): secret.tenantID.value
        case .clientCertificate(let certificate): certificate.tenantID.value
        case .workloadIdentity(let identity): identity.tenantID.value
        case .managedIdentity: nil
        }
    }

    /// Sign-in failures that mean the configured tenant itself may be wrong.
    static let tenantSuspects: Set<ErrorCode> = [.identityTenantNotFound, .identityAppNotFound]

    static let noVault =
        "no vault is known: ext.cred.azure.vault_name is not set and no --credential names one"

    // MARK: - Credentials

    mutating func checkCredentials() async {
        guard !parsed.isEmpty else {
            let reason = "no --credential ID:TYPE was given"
            emit(.skipped(CredentialCheck.onlineCheckName, "reading secrets", because: reason))
            return
        }

        let check = CredentialCheck(linter: dependencies.linter)
        let reader = valueReader()
        for item in parsed {
            if let reason = blocker(for: item) {
                emit(.skipped(CredentialCheck.onlineCheckName, item.target, because: reason))
            } else if let resolver {
                emit(await check.resolve(item.target, with: resolver, reader: reader))
            }
        }
    }

    /// A reader of raw values for the linter, sharing the resolver's transport and token cache.
    private func valueReader() -> SecretValueReader? {
        guard dependencies.linter.isActive, let settings = config.settings, let plan = config.plan,
            let transport, let resolver
        else {
            return nil
        }
        let identity = IdentityStep(
            settings: settings,
            plan: plan,
            transport: transport,
            cache: resolver.tokenCache,
            time: dependencies.time,
            logger: logger
        )
        let tokens = resolver.tokenCache.caching(identity.tokenSource())
        return SecretValueReader(transport: transport, tokens: tokens, settings: settings, time: dependencies.time)
    }

    private func blocker(for item: CredentialCheck.Parsed) -> String? {
        guard let id = item.id else {
            return "its Credential ID is not usable (\(item.finding.code))"
        }
        if let identityFailure {
            return identityFailure
        }
        let host = resolver?.vaultURL(for: id.vaultName).host ?? id.vaultName
        return vaultFailures[host] ?? (resolver == nil ? "no resolver could be built" : nil)
    }

    // MARK: - Transport

    /// The transport for identity, vault and credential requests, built once.
    private mutating func carrier(_ settings: Settings) -> (any HTTPTransport)? {
        if let transport {
            return transport
        }
        if let injected = dependencies.transport {
            transport = injected
            return injected
        }

        let client = CurlHTTPClient(
            configuration: settings.transportConfiguration(userAgent: "midkv/\(MidkvVersion.current)"),
            logger: logger
        )
        ownedTransport = client
        transport = client
        return client
    }

    private mutating func makeResolver(_ settings: Settings, transport: any HTTPTransport) -> CredentialResolver? {
        if let resolver {
            return resolver
        }
        resolver = try? CredentialResolver(
            settings: settings,
            transport: transport,
            time: dependencies.time,
            logger: logger
        )
        return resolver
    }
}

extension Finding {
    /// Whether any evidence value names `host`.
    func mentions(_ host: String) -> Bool {
        evidence.contains { $0.value.lowercased().contains(host.lowercased()) }
    }
}
