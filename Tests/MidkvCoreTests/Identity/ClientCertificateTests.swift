import Foundation
import MidkvCore
import MidkvCrypto
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Client certificate files")
struct ClientCertificateTests {
    private func loadError(_ files: ClientCertificateFiles) -> MidkvError? {
        do {
            _ = try ClientCertificate.load(files)
            Issue.record("expected an error")
            return nil
        } catch {
            expectNoCanary(error)
            return error
        }
    }

    @Test("one PEM file with the certificate and its key loads; thumbprints are those the portal and x5t#S256 use")
    func combinedFile() throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let certificate = try CertificateFixtures.certificate(key)
        let path = try fixtures.write("mid.pem", certificate + key.pkcs8PEM.reveal())

        let loaded = try ClientCertificate.load(CertificateFixtures.files(certificate: path))

        let info = try #require(try CertificateInfo.parse(pem: certificate).first)
        #expect(loaded.portalThumbprint == info.sha1Fingerprint.uppercased())
        #expect(loaded.x5tS256 == info.x5tS256)
        #expect(loaded.key.kind == .rsa(bits: 2048))
        #expect(loaded.info.subject == "CN=midkv-discovery")
    }

    @Test("a chain file and a separate key file: the certificate used is the one the key belongs to")
    func chainAndKeyFile() throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let issuer = try CertificateFixtures.certificate(try CertificateFixtures.otherKey())
        let leaf = try CertificateFixtures.certificate(key)
        let chain = try fixtures.write("chain.pem", issuer + leaf)
        let keyFile = try fixtures.write("key.pem", key.pkcs8PEM.reveal())

        let loaded = try ClientCertificate.load(CertificateFixtures.files(certificate: chain, key: keyFile))

        #expect(loaded.portalThumbprint == (try CertificateFixtures.portalThumbprint(leaf)))
    }

    @Test("an encrypted PKCS#8 key loads with its passphrase; without it, or with a wrong one, it is named")
    func encryptedKey() throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let encrypted = try key.encryptedPEM(passphrase: Secret(CertificateFixtures.passphrase))
        let path = try fixtures.write("mid.pem", try CertificateFixtures.certificate(key) + encrypted.reveal())

        let loaded = try ClientCertificate.load(
            CertificateFixtures.files(certificate: path, passphrase: CertificateFixtures.passphrase)
        )
        let missing = try #require(loadError(CertificateFixtures.files(certificate: path)))
        let wrong = try #require(loadError(CertificateFixtures.files(certificate: path, passphrase: "CANARY-wrong")))

        #expect(loaded.key.kind == .rsa(bits: 2048))
        #expect(missing.code == .identityPassphraseRequired)
        #expect(missing.message == "The private key in \(path) is encrypted and no passphrase is configured")
        #expect(
            missing.fix == """
                Write the passphrase to a file only the MID Server's user can read and pass its path \
                with --client-certificate-passphrase-file, or set the environment variable \
                AZURE_CLIENT_CERTIFICATE_PASSWORD to the passphrase itself; or store the key \
                unencrypted with file mode 0600.
                """
        )
        #expect(wrong.code == .identityWrongPassphrase)
        #expect(
            wrong.message == "The passphrase from environment AZURE_CLIENT_CERTIFICATE_PASSWORD does not decrypt "
                + "the private key in \(path)"
        )
    }

    @Test("a key that belongs to another certificate is a mismatch naming both files")
    func mismatch() throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let certificate = try CertificateFixtures.certificate(try CertificateFixtures.key())
        let path = try fixtures.write("cert.pem", certificate)
        let keyFile = try fixtures.write("old-key.pem", try CertificateFixtures.otherKey().pkcs8PEM.reveal())

        let error = try #require(loadError(CertificateFixtures.files(certificate: path, key: keyFile)))

        #expect(error.code == .identityCertificateKeyMismatch)
        #expect(error.message == "The private key in \(keyFile) does not belong to the certificate CN=midkv-discovery")
        #expect(error.evidence("key file") == keyFile)
        #expect(error.evidence("certificate file") == path)
        #expect(error.fix.contains("openssl pkey -pubout"))
    }

    @Test("an EC certificate and key are refused as unsupported, with evidence that claims nothing was sent")
    func ellipticCurve() throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try SigningKey.generate(.ecdsaP256)
        let pem = try CertificateFixtures.certificate(key)
        let path = try fixtures.write("ec.pem", pem + key.pkcs8PEM.reveal())

        let error = try #require(loadError(CertificateFixtures.files(certificate: path)))

        #expect(error.code == .identityUnsupportedKey)
        #expect(error.message == "The client certificate's key is EC 256-bit; Entra ID accepts RSA keys only")
        #expect(error.fix.contains("rsa:2048"))
        #expect(error.evidence("x5t#S256") == (try #require(try CertificateInfo.parse(pem: pem).first)).x5tS256)
        #expect(!error.evidence.contains { $0.label.contains("sent") })
    }

    @Test(
        "missing, non-PEM and key-less files are unreadable, each with its reason",
        arguments: [
            ("absent.pem", nil as String?, "cannot be read: no such file"),
            ("binary.cer", "\u{30}\u{82}\u{03}", "is not PEM text"),
            ("only-cert.pem", "CERTIFICATE", "holds no private key (BEGIN PRIVATE KEY)"),
            ("only-key.pem", "KEY", "holds no readable certificate (BEGIN CERTIFICATE)"),
        ]
    )
    func unreadable(name: String, content: String?, problem: String) throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let text =
            switch content {
            case "CERTIFICATE": try CertificateFixtures.certificate(key)
            case "KEY": key.pkcs8PEM.reveal()
            default: content
            }
        let path = try text.map { try fixtures.write(name, $0) } ?? fixtures.folder.path(name)

        let error = try #require(loadError(CertificateFixtures.files(certificate: path)))

        #expect(error.code == .identityCertificateUnreadable)
        #expect(error.message.hasSuffix(problem))
        #expect(error.message.contains("given by flag --client-certificate"))
    }

    @Test("an expired or not yet valid certificate is named with its dates and the local time")
    func validity() throws {
        let key = try CertificateFixtures.key()
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let expiredPEM = try CertificateFixtures.certificate(
            key,
            notBefore: now.addingTimeInterval(-400 * 86_400),
            notAfter: now.addingTimeInterval(-3 * 86_400)
        )
        let futurePEM = try CertificateFixtures.certificate(key, notBefore: now.addingTimeInterval(7200))
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }

        let expired = try ClientCertificate.load(
            CertificateFixtures.files(certificate: try fixtures.write("a.pem", expiredPEM + key.pkcs8PEM.reveal()))
        )
        let future = try ClientCertificate.load(
            CertificateFixtures.files(certificate: try fixtures.write("b.pem", futurePEM + key.pkcs8PEM.reveal()))
        )

        let expiredError = #expect(throws: MidkvError.self) { try expired.checkValidity(at: now) }
        #expect(expiredError?.code == .identityCertificateExpired)
        #expect(expiredError?.message == "The client certificate CN=midkv-discovery expired on 2026-09-18 14:13:20 UTC")
        #expect(expiredError?.evidence("local time") == "2026-09-21 14:13:20 UTC")
        #expect(expiredError?.cause?.contains("ended 3 days ago") == true)

        let futureError = #expect(throws: MidkvError.self) { try future.checkValidity(at: now) }
        #expect(futureError?.code == .identityCertificateNotYetValid)
        #expect(futureError?.message.hasSuffix("is valid only from 2026-09-21 16:13:20 UTC") == true)
        #expect(futureError?.cause?.contains("2 h 0 min ahead of this host's clock") == true)

        #expect(expired.isExpiringSoon(at: now))
        #expect(!future.isExpiringSoon(at: now))
    }

    @Test("descriptions and dumps of a loaded certificate never show the key or the passphrase")
    func redaction() throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let key = try CertificateFixtures.key()
        let encrypted = try key.encryptedPEM(passphrase: Secret(CertificateFixtures.passphrase))
        let path = try fixtures.write("mid.pem", try CertificateFixtures.certificate(key) + encrypted.reveal())
        let loaded = try ClientCertificate.load(
            CertificateFixtures.files(certificate: path, passphrase: CertificateFixtures.passphrase)
        )

        var dumped = ""
        dump(loaded, to: &dumped)
        let body = key.pkcs8PEM.reveal().split(separator: "\n")[1]
        for text in [dumped, "\(loaded)", String(reflecting: loaded), loaded.evidence.description] {
            #expect(!text.contains(Canary.marker))
            #expect(!text.contains(body))
        }
    }
}
