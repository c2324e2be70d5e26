import Foundation
import MidkvCore
import MidkvCrypto
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

/// No sign-in mode writes a key, passphrase, assertion, federated token, key file content or
/// access token into a log, an error or the settings report, whether it succeeds or fails.
@Suite("Sign-in without secrets leaks nothing")
struct SignInRedactionTests {
    enum Mode: String, Sendable, CaseIterable {
        case certificate
        case unregisteredCertificate = "unregistered certificate"
        case workloadIdentity = "workload identity"
        case untrustedToken = "untrusted federated token"
        case arc = "Azure Arc"
    }

    /// The values that must stay out of sight, besides everything on the wire.
    struct Secrets {
        var values: [String] = []
    }

    private func settings(
        _ mode: Mode,
        world: SignInWorld,
        folder: TemporaryDirectory,
        secrets: inout Secrets
    )
        throws -> Settings
    {
        switch mode {
        case .certificate, .unregisteredCertificate:
            let key = try mode == .certificate ? CertificateFixtures.key() : CertificateFixtures.otherKey()
            let certificate = try mode == .certificate ? world.certificatePEM : CertificateFixtures.certificate(key)
            let encrypted = try key.encryptedPEM(passphrase: Secret(CertificateFixtures.passphrase))
            let path = try folder.write("mid.pem", certificate + encrypted.reveal())
            secrets.values += [
                CertificateFixtures.passphrase, key.pkcs8PEM.reveal().split(separator: "\n")[5].description,
            ]
            return try world.settings(
                flags: SignInWorld.certificateFlags(path),
                environment: ["AZURE_CLIENT_CERTIFICATE_PASSWORD": CertificateFixtures.passphrase]
            )
        case .workloadIdentity, .untrustedToken:
            let subject = mode == .workloadIdentity ? SignInWorld.subject : "system:serviceaccount:default:default"
            let token = try #require(world.emulator.issueWorkloadToken(issuer: SignInWorld.issuer, subject: subject))
            secrets.values.append(token)
            return try world.settings(environment: [
                "AZURE_FEDERATED_TOKEN_FILE": try folder.write("token", token), "AZURE_CLIENT_ID": SignInWorld.app,
                "AZURE_TENANT_ID": SignInWorld.tenant,
            ])
        case .arc:
            let environment = [
                "IDENTITY_ENDPOINT": world.arcEndpoint.absoluteString, "IMDS_ENDPOINT": "http://127.0.0.1:1",
            ]
            return try world.settings(environment: environment)
        }
    }

    @Test("logs at trace level, errors and the report hold none of the credential material", arguments: Mode.allCases)
    func nothingLeaks(mode: Mode) async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        var secrets = Secrets()
        let settings = try settings(mode, world: world, folder: folder, secrets: &secrets)
        let logs = MemoryLogHandler()
        let curl = CurlHTTPClient(configuration: settings.transportConfiguration())
        defer { curl.shutdown() }
        let transport = RecordingTransport(curl)
        let resolver = try CredentialResolver(
            settings: settings,
            transport: transport,
            time: NoWaitTimeSource(),
            logger: Logger(label: "midkv", handler: logs, minimumLevel: .trace)
        )

        var visible = SettingsReport(settings: settings).allText + [logs.transcript]
        do {
            let resolved = try await resolver.resolve(
                CredentialRequest(credentialID: "\(SignInWorld.secretName):\(SignInWorld.vault)", type: "ssh_password")
            )
            #expect([.certificate, .workloadIdentity, .arc].contains(mode))
            visible.append(resolved.credential.fields.map { "\($0.key)=\($0.displayValue)" }.joined(separator: " "))
        } catch let error as MidkvError {
            #expect([.unregisteredCertificate, .untrustedToken].contains(mode))
            visible += [error.detailedDescription, String(reflecting: error)] + error.evidence.map(\.description)
        }
        visible.append(logs.transcript)

        let wire = transport.texts.filter { $0.count >= 16 && !$0.hasPrefix("application/") }
        let credentialFields = wire.flatMap(Self.credentialValues)
        let hidden = secrets.values + credentialFields + Self.tokens(in: wire)
        #expect(!credentialFields.isEmpty || mode == .arc)
        #expect(!hidden.isEmpty)
        for value in hidden {
            let leaked = visible.contains { $0.contains(value) }
            #expect(!leaked, "a credential value of \(value.count) characters reached a log, error or report")
        }
        #expect(!visible.joined().contains(Canary.marker))
        #expect(!visible.joined().contains("PRIVATE KEY"))
    }

    /// The `client_assertion` of a token request body, and an `Authorization` value.
    private static func credentialValues(_ text: String) -> [String] {
        if text.hasPrefix("Basic ") || text.hasPrefix("Bearer ") {
            return [String(text.split(separator: " ")[1])]
        }
        return text.split(separator: "&").compactMap { pair in
            pair.hasPrefix("client_assertion=")
                ? pair.dropFirst("client_assertion=".count).removingPercentEncoding : nil
        }
    }

    /// The access tokens in token replies.
    private static func tokens(in texts: [String]) -> [String] {
        texts.compactMap { text in
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                return nil
            }
            return object["access_token"] as? String
        }
    }
}
