import Foundation
import MidkvCore
import MidkvCrypto
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("Identity checks for the doctor")
struct IdentityChecksTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    private func certificateFinding(notAfter: TimeInterval, key: SigningKey? = nil) throws -> Finding {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let signing = try key ?? CertificateFixtures.key()
        let pem = try CertificateFixtures.certificate(
            signing,
            notBefore: Self.now.addingTimeInterval(-86_400),
            notAfter: Self.now.addingTimeInterval(notAfter)
        )
        let encrypted = try signing.encryptedPEM(passphrase: Secret(CertificateFixtures.passphrase))
        let path = try fixtures.write("mid.pem", pem + encrypted.reveal())
        let files = CertificateFixtures.files(certificate: path, passphrase: CertificateFixtures.passphrase)

        let findings = IdentityChecks.clientCertificate(files, now: Self.now)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        let texts = [finding.message, finding.cause ?? "", finding.fix ?? ""] + finding.evidence.map(\.description)
        #expect(texts.allSatisfy { !$0.contains(Canary.marker) })
        return finding
    }

    @Test("a matching, current certificate passes with its end date; within 30 days it is a warning")
    func certificateExpiry() throws {
        let valid = try certificateFinding(notAfter: 200 * 86_400)
        let expiring = try certificateFinding(notAfter: 12 * 86_400)
        let expired = try certificateFinding(notAfter: -60)

        #expect(valid.severity == .ok)
        #expect(valid.code == .identityCertificateValid)
        #expect(
            valid.message.hasSuffix("and its RSA 2048-bit key match; valid until 2027-04-09 14:13:20 UTC, in 200 days")
        )
        #expect(expiring.severity == .warning)
        #expect(expiring.code == .identityCertificateExpiring)
        #expect(
            expiring.message == "The client certificate CN=midkv-discovery expires on 2026-10-03 14:13:20 UTC, "
                + "in 12 days"
        )
        #expect(expired.severity == .error)
        #expect(expired.code == .identityCertificateExpired)
    }

    @Test("a key of another certificate and an EC key are errors with their codes")
    func certificateProblems() throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let certificate = try fixtures.write(
            "cert.pem",
            try CertificateFixtures.certificate(try CertificateFixtures.key())
        )
        let otherKey = try fixtures.write("key.pem", try CertificateFixtures.otherKey().pkcs8PEM.reveal())
        let ec = try SigningKey.generate(.ecdsaP256)
        let ecFile = try fixtures.write("ec.pem", try CertificateFixtures.certificate(ec) + ec.pkcs8PEM.reveal())

        let mismatch = IdentityChecks.clientCertificate(
            CertificateFixtures.files(certificate: certificate, key: otherKey)
        )
        let unsupported = IdentityChecks.clientCertificate(CertificateFixtures.files(certificate: ecFile))

        #expect(mismatch.map(\.code) == [.identityCertificateKeyMismatch])
        #expect(mismatch.map(\.severity) == [.error])
        #expect(mismatch.first?.check == "identity")
        #expect(unsupported.map(\.code) == [.identityUnsupportedKey])
    }

    @Test("the federated token file passes with its claims, and is an error when missing or expired")
    func federatedToken() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let exp = Int(Self.now.timeIntervalSince1970) + 3000
        let claims: [String: Any] = ["iss": SignInWorld.issuer, "sub": SignInWorld.subject, "exp": exp]
        let good = try folder.write("good", TestJWT.make(claims: claims, signature: "CANARY-sig"))
        let stale = try folder.write("stale", TestJWT.make(claims: ["exp": exp - 7200], signature: "CANARY-sig"))
        let setting = { (path: String) in Setting(path, source: .environment("AZURE_FEDERATED_TOKEN_FILE")) }

        let passed = IdentityChecks.federatedTokenFile(setting(good), now: Self.now)
        let expired = IdentityChecks.federatedTokenFile(setting(stale), now: Self.now)
        let missing = IdentityChecks.federatedTokenFile(setting(folder.path("absent")), now: Self.now)

        #expect(passed.map(\.severity) == [.ok])
        #expect(passed.first?.code == .identityFederatedTokenValid)
        #expect(
            passed.first?.message
                == "The federated token file \(good) holds a token valid until 2026-09-21 15:03:20 UTC"
        )
        #expect(passed.first?.evidence.contains(Evidence("token subject (sub)", SignInWorld.subject)) == true)
        #expect(expired.map(\.code) == [.identityFederatedTokenExpired])
        #expect(missing.map(\.code) == [.identityFederatedTokenMissing])
        let texts = (passed + expired + missing).flatMap { [$0.message] + $0.evidence.map(\.value) }
        #expect(texts.allSatisfy { !$0.contains(Canary.marker) })
    }

    @Test("the Arc agent is ready, absent, or its key file unreadable; the plan runs only its own mode's check")
    func arcAgent() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let transport = CurlHTTPClient(configuration: TransportConfiguration())
        defer { transport.shutdown() }
        let closed = try ReservedPort()
        let denied = ArcKeyFileReader(size: { _ in .failure(.permissionDenied) }, contents: .inMemory([:]))

        let ready = await IdentityChecks.arcAgent(
            endpoint: world.arcEndpoint,
            tokensFolder: world.arcFolder,
            transport: transport
        )
        let refused = await IdentityChecks.arcAgent(
            endpoint: world.arcEndpoint,
            tokensFolder: world.arcFolder,
            transport: transport,
            keyFileReader: denied
        )
        let absent = await IdentityChecks.arcAgent(
            endpoint: URL(string: "http://127.0.0.1:\(closed.port)/metadata/identity/oauth2/token")!,
            transport: transport
        )

        #expect(ready.map(\.code) == [.identityArcAgentReady])
        #expect(ready.first?.severity == .ok)
        #expect(refused.map(\.code) == [.identityArcKeyFileDenied])
        #expect(absent.map(\.code) == [.identityArcAgentAbsent])
        #expect(world.emulator.counters.tokensIssued == 0)

        let secretPlan = try AuthenticationPlan(
            settings: try world.settings(environment: [
                "AZURE_CLIENT_SECRET": "CANARY-secret", "AZURE_TENANT_ID": SignInWorld.tenant,
                "AZURE_CLIENT_ID": SignInWorld.app,
            ])
        )
        #expect(await IdentityChecks.findings(for: secretPlan, transport: transport).isEmpty)
        let arcPlan = try AuthenticationPlan(
            settings: try world.settings(environment: [
                "IDENTITY_ENDPOINT": world.arcEndpoint.absoluteString, "IMDS_ENDPOINT": "http://127.0.0.1:1",
            ])
        )
        #expect(
            await IdentityChecks.findings(for: arcPlan, transport: transport).map(\.code) == [.identityArcAgentReady]
        )
    }
}
