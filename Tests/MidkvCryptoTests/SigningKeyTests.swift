import Foundation
import MidkvCrypto
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Signing keys")
struct SigningKeyTests {
    static let passphrase = Secret("CANARY-passphrase-Zq8")

    @Test("a PEM file with the certificate before the key yields the key, and the key fits the certificate")
    func combinedFile() throws {
        let key = try TestKeys.rsa()
        let certificate = try key.selfSignedCertificatePEM(commonName: "midkv-discovery")
        let combined = "Bag Attributes\n" + certificate + key.pkcs8PEM.reveal()

        let loaded = try SigningKey(pem: Secret(combined))

        #expect(loaded.kind == .rsa(bits: 2048))
        #expect(try loaded.belongs(toCertificatePEM: certificate))
        #expect(try loaded.matchingCertificateIndex(inPEM: combined) == 0)
    }

    @Test("a key of another certificate is recognised as not fitting")
    func mismatch() throws {
        let key = try TestKeys.rsa()
        let other = try TestKeys.rsa(1).selfSignedCertificatePEM(commonName: "someone else")
        let mine = try key.selfSignedCertificatePEM(commonName: "mine")

        #expect(try !key.belongs(toCertificatePEM: other))
        #expect(try key.matchingCertificateIndex(inPEM: other + mine) == 1)
        #expect(try key.matchingCertificateIndex(inPEM: other) == nil)
    }

    @Test("an encrypted PKCS#8 key needs its passphrase; a wrong one is named as such")
    func encryptedKey() throws {
        let key = try TestKeys.rsa()
        let encrypted = try key.encryptedPEM(passphrase: Self.passphrase)
        #expect(encrypted.reveal().hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))

        let missing = #expect(throws: CryptoError.self) { try SigningKey(pem: encrypted) }
        #expect(missing?.code == .passphraseRequired)
        let wrong = #expect(throws: CryptoError.self) { try SigningKey(pem: encrypted, passphrase: Secret("nope")) }
        #expect(wrong?.code == .wrongPassphrase)
        #expect(wrong.map { !"\($0)".contains("CANARY") } == true)

        let decrypted = try SigningKey(pem: encrypted, passphrase: Self.passphrase)
        #expect(decrypted.pkcs8PEM == key.pkcs8PEM)
    }

    @Test("a file with certificates only has no private key")
    func noKey() throws {
        let certificate = try SigningKey.generate(.ecdsaP256).selfSignedCertificatePEM(commonName: "c")

        let error = #expect(throws: CryptoError.self) { try SigningKey(pem: Secret(certificate)) }
        #expect(error?.code == .noPrivateKey)
        #expect(error?.detail == "expected a PRIVATE KEY block, found only CERTIFICATE")
    }

    @Test("an EC key reads as such and refuses RS256")
    func ellipticCurve() throws {
        let key = try SigningKey.generate(.ecdsaP256)

        #expect(key.kind == .ellipticCurve(bits: 256))
        #expect(!key.kind.isRSA)
        let error = #expect(throws: CryptoError.self) { try key.sign(Data("x".utf8), algorithm: .rs256) }
        #expect(error?.code == .unsupportedKey)
    }

    @Test("describing or dumping a key shows its kind, never the key")
    func redaction() throws {
        let key = try TestKeys.rsa()
        var dumped = ""
        dump(key, to: &dumped)

        for text in [dumped, "\(key)", String(reflecting: key)] {
            #expect(!text.contains("PRIVATE KEY"))
        }
        #expect(dumped.contains("2048"))
    }

    @Test("a traditional encrypted RSA key written by the openssl tool is read with its passphrase")
    func opensslTraditionalKey() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }

        let made = try await OpenSSLTool.run(
            [
                "genrsa", "-aes256", "-traditional", "-passout", "pass:\(Self.passphrase.reveal())", "-out", "k.pem",
                "2048",
            ],
            in: folder
        )
        #expect(made.status == 0)
        let pem = try String(contentsOfFile: folder.path("k.pem"), encoding: .utf8)
        #expect(pem.contains("Proc-Type: 4,ENCRYPTED"))

        #expect(throws: CryptoError.self) { try SigningKey(pem: Secret(pem)) }
        #expect(try SigningKey(pem: Secret(pem), passphrase: Self.passphrase).kind == .rsa(bits: 2048))
    }
}
