import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// Runs the doctor checks that explain one failed resolution, and only those.
///
/// What runs depends on the error: the config check for configuration, sign-in and Credential ID
/// failures (their cause is almost always in config.xml); the network check of the one hop that
/// failed for network errors; the vault's challenge, with the config check's cloud rule, for
/// tokens the vault refused. Findings that only say a check passed are left out.
public struct FailureExplainer: Sendable {
    /// What the failed resolution ran with.
    public let request: Doctor.Request
    /// Where the checks read the world from.
    public let dependencies: Doctor.Dependencies

    private let logger: Logger

    /// Creates an explainer for resolutions made with `request`'s settings.
    public init(
        request: Doctor.Request,
        dependencies: Doctor.Dependencies = Doctor.Dependencies(),
        logger: Logger = .disabled
    ) {
        self.request = request
        self.dependencies = dependencies
        self.logger = logger
    }

    /// The findings that explain `error`; empty when no check adds to what the error says.
    public func explain(_ error: MidkvError) async -> [Finding] {
        let config = await configCheck()
        let findings: [Finding]
        switch error.code.family {
        case "config", "identity", "credential-id":
            findings = config.findings
        case "network":
            findings = await networkCheck(for: error, config: config)
        case "vault" where Self.tokenRefusals.contains(error.code):
            findings = config.findings(.configCloudMismatch) + (await vaultCheck(for: error, config: config))
        default:
            findings = []
        }
        return findings.filter { $0.severity > .ok && $0.code != .configEncryptedValue }
    }

    /// Vault errors about the token rather than the secret.
    static let tokenRefusals: Set<ErrorCode> = [
        .vaultWrongTenant, .vaultWrongAudience, .vaultUnauthorized, .vaultChallengeMismatch,
    ]

    private func configCheck() async -> ConfigCheckResult {
        let check = ConfigCheck(dependencies: dependencies.config, logger: logger)
        let request = self.request
        return await Blocking.run {
            check.run(configPath: request.configPath, flags: request.flags, environment: request.environment)
        }
    }

    private func networkCheck(for error: MidkvError, config: ConfigCheckResult) async -> [Finding] {
        guard let settings = config.settings, let host = error.evidence("host")?.lowercased() else {
            return config.findings
        }

        let targets = NetworkTargets(settings: settings, plan: config.plan, parsed: [], request: request)
        var configuration = targets.configuration()
        let imds = settings.imdsEndpoint.value.host?.lowercased()
        configuration.tokenHost = host == targets.tokenHost ? host : nil
        configuration.vaultHosts = host.hasSuffix("." + settings.vaultSuffix.value.lowercased()) ? [host] : []
        configuration.checksIMDS = host == imds
        dependencies.adjustNetwork(&configuration)

        let check = NetworkCheck(configuration: configuration, resolver: dependencies.nameResolver, logger: logger)
        return await check.run().findings
    }

    private func vaultCheck(for error: MidkvError, config: ConfigCheckResult) async -> [Finding] {
        guard let settings = config.settings, let host = error.evidence("vault host"),
            let url = URL(string: "https://\(host)")
        else {
            return []
        }

        let owned =
            dependencies.transport == nil
            ? CurlHTTPClient(configuration: settings.transportConfiguration(userAgent: "midkv/\(MidkvVersion.current)"))
            : nil
        defer { owned?.shutdown() }
        guard let transport = dependencies.transport ?? owned else {
            return []
        }
        let tenant = config.plan.flatMap(DoctorRun.configuredTenant)
        let step = VaultChallengeStep(settings: settings, transport: transport, time: dependencies.time, logger: logger)
        return [await step.run(vault: url, expectedTenant: tenant)]
    }
}

extension ConfigCheckResult {
    /// The findings with `code`.
    func findings(_ code: ErrorCode) -> [Finding] {
        findings.filter { $0.code == code }
    }
}
