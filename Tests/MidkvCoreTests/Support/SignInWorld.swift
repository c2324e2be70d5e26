import Foundation
import MidkvCore
import MidkvCrypto
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

/// An emulator whose app signs in without a secret (a registered certificate and a federated
/// credential), an Azure Arc machine, and a vault both may read; with midkv pointed at it.
final class SignInWorld: Sendable {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let app = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let appObject = "a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4"
    static let arcClient = "53535353-0000-0000-0000-000000000003"
    static let arcObject = "53535353-0000-0000-0000-0000000000cc"
    static let issuer = "https://oidc.prod-aks.azure.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/"
    static let subject = "system:serviceaccount:discovery:mid-server"
    static let vault = "kv-contoso-disc"
    static let secretName = "linux-root-pw"
    static let password = "CANARY-linux-root-pw-51"

    let harness: EmulatorHarness
    /// The certificate registered on the app.
    let certificatePEM: String
    /// The folder the Arc agent writes its key files into.
    let arcFolder: String

    init() throws {
        let key = try CertificateFixtures.key()
        certificatePEM = try CertificateFixtures.certificate(key)
        let folder = try TemporaryDirectory(prefix: "midkv-arc-tokens")
        arcFolder = folder.url.path
        harness = try EmulatorHarness(seed: Self.seed(certificatePEM: certificatePEM, arcFolder: arcFolder))
    }

    func stop() {
        harness.stop()
        try? FileManager.default.removeItem(atPath: arcFolder)
    }

    var emulator: Emulator {
        harness.emulator
    }

    /// The Arc agent's endpoint on the emulator's port.
    var arcEndpoint: URL {
        URL(string: "http://127.0.0.1:\(harness.server.port)/metadata/identity/oauth2/token")!
    }

    /// Settings with `flags` and `environment`, pointed at the emulator, with the Arc agent's
    /// tokens folder at `arcTokensFolder` (the emulator's unless given).
    func settings(
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        arcTokensFolder: String? = nil
    ) throws -> Settings {
        try Settings.resolve(
            flags: harness.redirectFlags.merging(flags) { _, new in new },
            environment: environment,
            configFilePath: nil,
            arcAgent: Settings.ArcAgentLocations(
                himdsPath: "/nonexistent/midkv-tests/himds",
                tokensFolder: arcTokensFolder ?? arcFolder
            )
        )
    }

    /// The flags of certificate sign-in with the files at `certificate` (and `key`).
    static func certificateFlags(_ certificate: String, key: String? = nil) -> [String: String] {
        var flags = ["--tenant-id": tenant, "--client-id": app, "--client-certificate": certificate]
        flags["--client-certificate-key"] = key
        return flags
    }

    /// A transport to the emulator, and the token source the settings' plan calls for.
    func tokenSource(
        _ settings: Settings,
        time: any TimeSource = NoWaitTimeSource(),
        arcKeyFileReader: ArcKeyFileReader = .system,
        logger: Logger = .disabled
    ) throws -> (source: any TokenSource, transport: CurlHTTPClient) {
        let transport = CurlHTTPClient(configuration: settings.transportConfiguration())
        let plan = try AuthenticationPlan(settings: settings)
        let source = plan.tokenSource(
            settings: settings,
            transport: transport,
            time: time,
            arcKeyFileReader: arcKeyFileReader,
            logger: logger
        )
        return (source, transport)
    }

    /// Resolves the vault's one credential with `settings`.
    func resolve(
        _ settings: Settings,
        time: any TimeSource = NoWaitTimeSource(),
        logger: Logger = .disabled
    )
        async throws -> ResolvedCredential
    {
        let resolver = try CredentialResolver(settings: settings, time: time, logger: logger)
        defer { resolver.shutdown() }
        return try await resolver.resolve(
            CredentialRequest(credentialID: "\(Self.secretName):\(Self.vault)", type: "ssh_password")
        )
    }

    private static func seed(certificatePEM: String, arcFolder: String) -> EmulatorSeed {
        let app = EmulatorSeed.Application(
            tenant: tenant,
            clientID: app,
            objectID: appObject,
            displayName: "ServiceNow MID Discovery",
            certificates: [EmulatorSeed.AppCertificate(certificate: certificatePEM)],
            federatedCredentials: [EmulatorSeed.FederatedCredential(issuer: issuer, subject: subject)]
        )
        let value = #"{"type":"ssh_password","user":"svc-disc","password":"\#(password)"}"#
        let vault = EmulatorSeed.Vault(
            name: vault,
            tenant: tenant,
            grants: [
                EmulatorSeed.Grant(principal: appObject, permissions: [.get]),
                EmulatorSeed.Grant(principal: arcObject, permissions: [.get]),
            ],
            secrets: [EmulatorSeed.Secret(name: secretName, versions: [EmulatorSeed.SecretVersion(value: value)])]
        )
        return EmulatorSeed(
            tenants: [EmulatorSeed.Tenant(id: tenant, displayName: "Contoso")],
            applications: [app],
            arc: EmulatorSeed.ArcMachine(
                keyFolder: arcFolder,
                identity: EmulatorSeed.ManagedIdentity(tenant: tenant, clientID: arcClient, objectID: arcObject)
            ),
            vaults: [vault]
        )
    }
}
