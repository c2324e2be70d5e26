import Foundation
import MidkvCrypto
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

/// A tenant whose apps sign in without secrets: certificates, federated credentials and an
/// Azure Arc machine, with the keys and an emulator on a manual clock.
struct CredentialWorld: Sendable {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let certificateApp = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let certificateAppObject = "a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4"
    static let thumbprintApp = "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let federatedApp = "cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let arcClientID = "53535353-0000-0000-0000-000000000003"
    static let arcObjectID = "53535353-0000-0000-0000-0000000000cc"
    static let clusterIssuer = "https://oidc.prod-aks.azure.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/"
    static let foreignIssuer = "https://token.actions.example.com"
    static let subject = "system:serviceaccount:discovery:mid-server"
    static let tokenURL = "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token"

    /// The key of the registered certificate.
    let key: SigningKey
    /// The registered certificate.
    let certificatePEM: String
    /// A certificate registered on the app but past its end date, and its key.
    let expiredKey: SigningKey
    let expiredCertificatePEM: String
    /// The key of the foreign issuer, whose public half is seeded.
    let issuerKey: SigningKey
    /// The Arc agent's key folder.
    let folder: TemporaryDirectory
    /// The emulator's clock.
    let clock: ManualClock
    let emulator: Emulator

    /// Keys and certificates, made once per test run: RSA key generation is slow.
    private struct Material: Sendable {
        var key: SigningKey
        var certificatePEM: String
        var expiredKey: SigningKey
        var expiredCertificatePEM: String
        var issuerKey: SigningKey

        init(start: Date) throws {
            key = try TestKeys.rsa(0)
            certificatePEM = try key.selfSignedCertificatePEM(
                commonName: "midkv-discovery",
                notBefore: start.addingTimeInterval(-86_400),
                notAfter: start.addingTimeInterval(365 * 86_400)
            )
            expiredKey = try TestKeys.rsa(1)
            expiredCertificatePEM = try expiredKey.selfSignedCertificatePEM(
                commonName: "midkv-discovery 2024",
                notBefore: start.addingTimeInterval(-400 * 86_400),
                notAfter: start.addingTimeInterval(-35 * 86_400)
            )
            issuerKey = try TestKeys.rsa(2)
        }
    }

    private static let start = Date(timeIntervalSince1970: 1_790_000_000)
    private static let material = Result { try Material(start: start) }

    init() throws {
        let material = try Self.material.get()
        clock = ManualClock(Self.start)
        key = material.key
        certificatePEM = material.certificatePEM
        expiredKey = material.expiredKey
        expiredCertificatePEM = material.expiredCertificatePEM
        issuerKey = material.issuerKey
        folder = try TemporaryDirectory(prefix: "midkv-arc")
        try FileManager.default.createDirectory(atPath: folder.path("tokens"), withIntermediateDirectories: true)
        emulator = Emulator(
            seed: try Self.seed(
                certificatePEM: certificatePEM,
                expiredCertificatePEM: expiredCertificatePEM,
                issuerKey: issuerKey,
                keyFolder: folder.path("tokens")
            ),
            clock: .manual(clock)
        )
    }

    private static func seed(
        certificatePEM: String,
        expiredCertificatePEM: String,
        issuerKey: SigningKey,
        keyFolder: String
    ) throws -> EmulatorSeed {
        let thumbprint = try #require(try CertificateInfo.parse(pem: certificatePEM).first).sha256Fingerprint
        let seed = EmulatorSeed(
            tenants: [EmulatorSeed.Tenant(id: Self.tenant, displayName: "Contoso")],
            applications: [
                EmulatorSeed.Application(
                    tenant: Self.tenant,
                    clientID: Self.certificateApp,
                    objectID: Self.certificateAppObject,
                    certificates: [
                        EmulatorSeed.AppCertificate(certificate: certificatePEM),
                        EmulatorSeed.AppCertificate(certificate: expiredCertificatePEM),
                    ]
                ),
                EmulatorSeed.Application(
                    tenant: Self.tenant,
                    clientID: Self.thumbprintApp,
                    certificates: [EmulatorSeed.AppCertificate(thumbprint: thumbprint.uppercased())]
                ),
                EmulatorSeed.Application(
                    tenant: Self.tenant,
                    clientID: Self.federatedApp,
                    federatedCredentials: [
                        EmulatorSeed.FederatedCredential(issuer: Self.clusterIssuer, subject: Self.subject),
                        EmulatorSeed.FederatedCredential(issuer: Self.foreignIssuer, subject: "repo:contoso/mid:main"),
                    ]
                ),
            ],
            arc: EmulatorSeed.ArcMachine(
                keyFolder: keyFolder,
                identity: EmulatorSeed.ManagedIdentity(
                    tenant: Self.tenant,
                    clientID: Self.arcClientID,
                    objectID: Self.arcObjectID
                )
            ),
            workloadIssuers: [
                EmulatorSeed.WorkloadIssuer(issuer: Self.foreignIssuer, publicKey: try issuerKey.publicKeyPEM())
            ]
        )
        try seed.validate()
        return seed
    }

    func remove() {
        folder.remove()
    }

    /// The Unix time of the emulator's clock.
    var now: Int {
        Int(clock.now.timeIntervalSince1970)
    }

    /// A token request for `clientID` presenting `assertion`.
    func request(clientID: String = Self.certificateApp, assertion: String) -> HTTPServerRequest {
        TestWorld.tokenRequest(
            tenant: Self.tenant,
            fields: [
                ("grant_type", "client_credentials"), ("client_id", clientID),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", assertion), ("scope", "https://vault.azure.net/.default"),
            ]
        )
    }

    /// The claims of a good certificate assertion for `clientID`, now.
    func claims(clientID: String = Self.certificateApp) -> [String: Any] {
        [
            "aud": Self.tokenURL, "iss": clientID, "sub": clientID, "jti": UUID().uuidString,
            "nbf": now, "iat": now, "exp": now + 600,
        ]
    }

    /// A header naming `certificate` by `x5t#S256`.
    static func header(_ certificate: String, algorithm: String = "RS256") throws -> [String: Any] {
        let info = try #require(try CertificateInfo.parse(pem: certificate).first)
        return ["alg": algorithm, "typ": "JWT", "x5t#S256": info.x5tS256]
    }
}

/// Signs JWTs for tests, independently of midkv's own assertion code.
enum TestJWS {
    static func sign(
        header: [String: Any],
        claims: [String: Any],
        key: SigningKey,
        algorithm: JWSAlgorithm = .rs256
    ) throws -> String {
        let input = try encode(header) + "." + encode(claims)
        return input + "." + Base64URL.encode(try key.sign(Data(input.utf8), algorithm: algorithm))
    }

    static func encode(_ object: [String: Any]) throws -> String {
        Base64URL.encode(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}
