import Foundation
import MidkvCore
import MidkvCrypto
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("Client certificate token source")
struct ClientCertificateTokenSourceTests {
    static let tenant = SignInWorld.tenant
    static let client = SignInWorld.app
    static let scope = "https://vault.azure.net/.default"

    let time = FakeTimeSource(date: Date(timeIntervalSince1970: 1_790_000_000))
    let logs = MemoryLogHandler()

    private func source(
        _ transport: ScriptedTransport,
        files: ClientCertificateFiles,
        algorithm: JWSAlgorithm = .rs256
    ) -> ClientCertificateTokenSource {
        ClientCertificateTokenSource(
            tenantID: Self.tenant,
            clientID: Self.client,
            files: files,
            algorithm: algorithm,
            transport: transport,
            retry: .none,
            time: time,
            logger: Logger(label: "midkv.identity", handler: logs, minimumLevel: .trace)
        )
    }

    /// A certificate valid at the fake time, with its key, in one file.
    private func certificateFile(_ fixtures: CertificateFixtures) throws -> (path: String, pem: String) {
        let key = try CertificateFixtures.key()
        let pem = try CertificateFixtures.certificate(
            key,
            notBefore: time.date.addingTimeInterval(-86_400),
            notAfter: time.date.addingTimeInterval(90 * 86_400)
        )
        return (try fixtures.write("mid.pem", pem + key.pkcs8PEM.reveal()), pem)
    }

    // MARK: - The request

    @Test("posts a signed client assertion: x5t#S256 header, token URL audience, ten minutes, a fresh jti")
    func assertion() async throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let (path, pem) = try certificateFile(fixtures)
        let transport = ScriptedTransport([
            .respond(.json(200, #"{"token_type":"Bearer","access_token":"t","expires_in":3599}"#)),
            .respond(.json(200, #"{"token_type":"Bearer","access_token":"t","expires_in":3599}"#)),
        ])
        let source = source(transport, files: CertificateFixtures.files(certificate: path))

        _ = try await source.token(for: Self.scope, deadline: time.deadline())
        _ = try await source.token(for: Self.scope, deadline: time.deadline())

        let request = try #require(transport.requests.first)
        let tokenURL = "https://login.microsoftonline.com/\(Self.tenant)/oauth2/v2.0/token"
        #expect(request.url.absoluteString == tokenURL)
        #expect(
            Set(request.formFields.keys) == [
                "grant_type", "client_id", "client_assertion_type", "client_assertion", "scope",
            ]
        )
        #expect(request.formFields["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        #expect(request.formFields["client_id"] == Self.client)

        let jwt = try #require(request.formFields["client_assertion"])
        let parts = jwt.split(separator: ".").map(String.init)
        let header = try Self.object(parts[0])
        let claims = try Self.object(parts[1])
        let info = try #require(try CertificateInfo.parse(pem: pem).first)
        #expect(header as? [String: String] == ["alg": "RS256", "typ": "JWT", "x5t#S256": info.x5tS256])
        #expect(claims["aud"] as? String == tokenURL)
        #expect(claims["iss"] as? String == Self.client)
        #expect(claims["sub"] as? String == Self.client)
        #expect(claims["nbf"] as? Int == 1_790_000_000)
        #expect(claims["iat"] as? Int == 1_790_000_000)
        #expect(claims["exp"] as? Int == 1_790_000_600)
        #expect(UUID(uuidString: claims["jti"] as? String ?? "") != nil)

        let verifier = try SignatureVerifier(certificatePEM: pem)
        let signature = try #require(Base64URL.decode(parts[2]))
        #expect(verifier.isValid(signature, of: Data("\(parts[0]).\(parts[1])".utf8), algorithm: .rs256))

        let second = try #require(transport.requests.last?.formFields["client_assertion"])
        #expect(
            try Self.object(second.split(separator: ".")[1].description)["jti"] as? String != claims["jti"] as? String
        )
        #expect(!logs.transcript.contains(parts[2]))
        #expect(!logs.transcript.contains("PRIVATE KEY"))
    }

    @Test("PS256 when asked: the header says so and the signature is RSA-PSS")
    func ps256() async throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let (path, pem) = try certificateFile(fixtures)
        let transport = ScriptedTransport([.respond(.json(200, #"{"access_token":"t","expires_in":3599}"#))])

        _ = try await source(transport, files: CertificateFixtures.files(certificate: path), algorithm: .ps256)
            .token(for: Self.scope, deadline: time.deadline())

        let parts = try #require(transport.requests.first?.formFields["client_assertion"]).split(separator: ".")
        #expect(try Self.object(String(parts[0]))["alg"] as? String == "PS256")
        let signature = try #require(Base64URL.decode(parts[2]))
        let verifier = try SignatureVerifier(certificatePEM: pem)
        #expect(verifier.isValid(signature, of: Data("\(parts[0]).\(parts[1])".utf8), algorithm: .ps256))
    }

    @Test("an expired certificate fails before any request, with its end date and the local time")
    func expiredBeforeRequest() async throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let pem = try CertificateFixtures.certificate(
            key,
            notBefore: time.date.addingTimeInterval(-400 * 86_400),
            notAfter: time.date.addingTimeInterval(-86_400)
        )
        let path = try fixtures.write("mid.pem", pem + key.pkcs8PEM.reveal())
        let transport = ScriptedTransport()

        let error = try #require(
            await midkvError {
                try await source(transport, files: CertificateFixtures.files(certificate: path))
                    .token(for: Self.scope, deadline: time.deadline())
            }
        )

        #expect(error.code == .identityCertificateExpired)
        #expect(error.evidence("local time") == "2026-09-21 14:13:20 UTC")
        #expect(error.evidence("valid until") == "2026-09-20 14:13:20 UTC")
        #expect(transport.requests.isEmpty)
    }

    // MARK: - Entra ID's refusals

    @Test("AADSTS700027 names the thumbprint midkv signed with, as the portal lists it")
    func notRegistered() async throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let (path, pem) = try certificateFile(fixtures)
        let body = """
            {"error":"invalid_client","error_description":"AADSTS700027: Client assertion failed signature validation. \
            [Reason - The key was not found.]\\r\\nTrace ID: 1f0e\\r\\nCorrelation ID: 2a1b","error_codes":[700027],\
            "timestamp":"2026-09-21 14:13:21Z"}
            """
        let transport = ScriptedTransport([.respond(.json(401, body))])

        let error = try #require(
            await midkvError {
                try await source(transport, files: CertificateFixtures.files(certificate: path))
                    .token(for: Self.scope, deadline: time.deadline())
            }
        )

        let thumbprint = try CertificateFixtures.portalThumbprint(pem)
        #expect(error.code == .identityCertificateNotRegistered)
        #expect(
            error.message == "Entra ID does not accept the certificate with thumbprint \(thumbprint) for app "
                + "\(Self.client) (AADSTS700027)"
        )
        #expect(error.evidence("certificate thumbprint (SHA-1, as the Azure portal shows it)") == thumbprint)
        #expect(error.evidence("x5t#S256 sent") == (try #require(try CertificateInfo.parse(pem: pem).first)).x5tS256)
        #expect(error.fix.contains("Certificates & secrets > Certificates"))
        expectNoCanary(error, logs)
    }

    @Test("AADSTS700024 is clock skew: the message shows this host's time and how far it is from Entra ID's")
    func clockSkew() async throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let (path, _) = try certificateFile(fixtures)
        let body = """
            {"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid \
            time range.","error_codes":[700024],"timestamp":"2026-09-21 14:06:08Z"}
            """
        let transport = ScriptedTransport([.respond(.json(401, body))])

        let error = try #require(
            await midkvError {
                try await source(transport, files: CertificateFixtures.files(certificate: path))
                    .token(for: Self.scope, deadline: time.deadline())
            }
        )

        #expect(error.code == .identityClockSkew)
        #expect(error.message.contains("this host's clock read 2026-09-21 14:13:20 UTC when it signed the assertion"))
        #expect(error.message.contains("so this host is about 7 min 12 s ahead of Entra ID"))
        #expect(error.evidence("local time") == "2026-09-21 14:13:20 UTC")
        #expect(error.fix.contains("NTP"))
    }

    // MARK: - Against the emulator

    @Test("a credential resolves through certificate sign-in over HTTPS, the assertion verified by the emulator")
    func endToEnd() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let encrypted = try key.encryptedPEM(passphrase: Secret(CertificateFixtures.passphrase))
        let certificate = try fixtures.write("cert.pem", world.certificatePEM)
        let keyFile = try fixtures.write("key.pem", encrypted.reveal())
        let passphraseFile = try fixtures.write("passphrase", CertificateFixtures.passphrase + "\n")
        var flags = SignInWorld.certificateFlags(certificate, key: keyFile)
        flags["--client-certificate-passphrase-file"] = passphraseFile
        flags["--assertion-algorithm"] = "PS256"
        let logs = MemoryLogHandler()

        let resolved = try await world.resolve(
            try world.settings(flags: flags),
            logger: Logger(label: "midkv", handler: logs, minimumLevel: .trace)
        )

        #expect(resolved.credential[.user]?.reveal() == "svc-disc")
        #expect(world.emulator.counters.tokensIssued == 1)
        #expect(world.emulator.requests.first { $0.kind == .token }?.principal == SignInWorld.appObject)
        #expect(!logs.transcript.contains(Canary.marker))
        #expect(!logs.transcript.contains("PRIVATE KEY"))
    }

    @Test("the emulator refuses a certificate the app does not have: the error names its thumbprint")
    func endToEndUnregistered() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let other = try CertificateFixtures.otherKey()
        let pem = try CertificateFixtures.certificate(other)
        let path = try fixtures.write("new.pem", pem + other.pkcs8PEM.reveal())

        let error = try #require(
            await midkvError { try await world.resolve(try world.settings(flags: SignInWorld.certificateFlags(path))) }
        )

        #expect(error.code == .identityCertificateNotRegistered)
        #expect(error.message.contains(try CertificateFixtures.portalThumbprint(pem)))
        #expect(error.evidence("service message")?.contains("The key was not found.") == true)
        expectNoCanary(error)
    }

    @Test("a clock twenty minutes ahead is named as clock skew by the emulator's AADSTS700024")
    func endToEndSkew() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let path = try fixtures.write("mid.pem", world.certificatePEM + key.pkcs8PEM.reveal())
        let ahead = FakeTimeSource(date: Date().addingTimeInterval(20 * 60))

        let error = try #require(
            await midkvError {
                try await world.resolve(try world.settings(flags: SignInWorld.certificateFlags(path)), time: ahead)
            }
        )

        #expect(error.code == .identityClockSkew)
        #expect(error.message.contains("ahead of Entra ID"))
        #expect(error.evidence("local time") == IdentityTimeText.utc(ahead.date))
    }

    static func object(_ part: String) throws -> [String: Any] {
        let data = try #require(Base64URL.decode(part))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

/// Dates as identity messages write them.
enum IdentityTimeText {
    static func utc(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
