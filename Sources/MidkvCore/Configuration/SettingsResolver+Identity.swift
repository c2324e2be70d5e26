import Foundation
import MidkvCrypto
import MidkvSupport

extension SettingsResolver {
    /// The private key's passphrase: the contents of `--client-certificate-passphrase-file`,
    /// else `AZURE_CLIENT_CERTIFICATE_PASSWORD`.
    mutating func resolveCertificatePassphrase() throws -> Setting<Secret>? {
        let key = SettingKey.clientCertificatePassphrase
        guard let path = flag("--client-certificate-passphrase-file") else {
            return lookup(key, includingFlags: false).map { Setting(Secret($0.text), source: $0.source) }
        }

        let source = SettingSource.flag("--client-certificate-passphrase-file")
        return Setting(try readSecretFile(path, source: source, content: .passphrase), source: source)
    }

    /// The client assertion algorithm: flag, environment, default RS256.
    mutating func resolveAssertionAlgorithm() throws -> Setting<JWSAlgorithm> {
        guard let candidate = lookup(.assertionAlgorithm) else {
            return Setting(.rs256, source: .default)
        }

        let name = candidate.text.trimmingCharacters(in: .whitespaces)
        guard let algorithm = JWSAlgorithm(name: name) else {
            let names = JWSAlgorithm.allCases.map(\.rawValue).joined(separator: " or ")
            throw Self.invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not a client assertion algorithm",
                fix: "Give \(names); Entra ID accepts RSA signatures only, so ES256 cannot be used."
            )
        }
        return Setting(algorithm, source: candidate.source)
    }

    /// The Azure Arc agent's endpoint: `IDENTITY_ENDPOINT` with `IMDS_ENDPOINT`, or the
    /// agent's standard endpoint when its binary is installed.
    mutating func resolveArcIdentity() throws -> Setting<Settings.ArcIdentity>? {
        let endpoint = environmentCandidate(names: SettingKey.identityEndpoint.environmentVariables)
        let imds = environmentCandidate(names: SettingKey.arcIMDSEndpoint.environmentVariables)
        let tokensFolder = arcAgent.tokensFolder

        if let endpoint, let imds {
            let identity = Settings.ArcIdentity(
                endpoint: try Self.arcEndpointURL(endpoint),
                tokensFolder: tokensFolder,
                metadataEndpoint: try Self.arcEndpointURL(imds)
            )
            return Setting(identity, source: endpoint.source)
        }
        guard FileManager.default.fileExists(atPath: arcAgent.himdsPath) else {
            return nil
        }

        let url = try endpoint.map(Self.arcEndpointURL) ?? ArcManagedIdentityTokenSource.defaultIdentityEndpoint
        let identity = Settings.ArcIdentity(endpoint: url, tokensFolder: tokensFolder)
        return Setting(identity, source: endpoint?.source ?? .derived(from: arcAgent.himdsPath, via: .default))
    }

    /// The managed identity variables as set, each with its own source.
    func resolveIdentityVariables() -> Settings.IdentityVariables {
        let header = environmentCandidate(names: SettingKey.identityHeader.environmentVariables)
        return Settings.IdentityVariables(
            endpoint: environmentCandidate(names: SettingKey.identityEndpoint.environmentVariables).map(setting),
            header: header.map { Setting(Secret($0.text), source: $0.source) },
            imdsEndpoint: environmentCandidate(names: SettingKey.arcIMDSEndpoint.environmentVariables).map(setting)
        )
    }

    /// Why the managed identity variable `key` is not used: the partner it needs is missing.
    static func unusedExplanation(_ key: SettingKey) -> String {
        switch key {
        case .identityHeader:
            "IDENTITY_HEADER is set without IDENTITY_ENDPOINT, so it is not used: App Service needs both."
        case .arcIMDSEndpoint:
            "IMDS_ENDPOINT is set without IDENTITY_ENDPOINT, so it is not used: Azure Arc needs both."
        default:
            "IDENTITY_ENDPOINT is set alone, so no managed identity uses it: App Service needs IDENTITY_HEADER "
                + "with it, Azure Arc needs IMDS_ENDPOINT."
        }
    }

    private static func arcEndpointURL(_ candidate: Candidate) throws -> URL {
        guard webHost(of: candidate.text) != nil, let url = URL(string: candidate.text) else {
            throw invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not an absolute http URL",
                fix: "Give the Azure Arc agent's endpoint, "
                    + "\(ArcManagedIdentityTokenSource.defaultIdentityEndpoint.absoluteString)."
            )
        }
        return url
    }
}
