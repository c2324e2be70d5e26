import COpenSSL
import Foundation
import MidkvCrypto
import MidkvSupport
import Testing

@Suite("Certificate inspection")
struct CertificateInfoTests {
    @Test("every certificate of a bundle is read in order, with its alternative names")
    func bundle() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(
            dnsNames: ["*.vault.azure.net", "localhost"],
            ipAddresses: ["127.0.0.1", "::1"],
            commonName: "midkv emulator"
        )

        let infos = try CertificateInfo.parse(pem: identity.certificateChainPEM)
        #expect(infos.count == 2)
        #expect(infos[0].subject == "CN=midkv emulator")
        #expect(infos[0].issuer == "CN=midkv Test Root CA")
        #expect(infos[0].subjectAltNames == ["DNS:*.vault.azure.net", "DNS:localhost", "IP:127.0.0.1", "IP:::1"])
        #expect(!infos[0].isCA)
        #expect(infos[1] == (try authority.certificateInfo()))
    }

    @Test("fingerprints are the SHA-256 and SHA-1 of the DER encoding")
    func fingerprints() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let der = try #require(PEMText.derBlocks(authority.certificatePEM).first)
        let info = try authority.certificateInfo()

        #expect(info.sha256Fingerprint == Digest.hex(Digest.sha256(der)))
        #expect(info.sha1Fingerprint == Digest.hex(sha1(der)))
        #expect(info.sha1Fingerprint.count == 40)
    }

    @Test("text around the blocks and private key blocks are skipped")
    func mixedText() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(dnsNames: ["vault.local"])
        let mixed =
            "Bag Attributes\n" + identity.privateKeyPEM.reveal() + "subject=CN=vault.local\n"
            + identity.certificateChainPEM

        let subjects = try CertificateInfo.parse(pem: mixed).map(\.subject)
        #expect(subjects == ["CN=vault.local", "CN=midkv Test Root CA"])
    }

    @Test("names keep UTF-8 and escape RFC 2253 special characters")
    func nameText() throws {
        let authority = try CertificateAuthority(commonName: "Prüf CA", organization: "Contoso, Inc.")

        #expect(try authority.certificateInfo().subject == "CN=Prüf CA,O=Contoso\\, Inc.")
    }

    @Test("text without certificates and damaged blocks are invalid PEM")
    func invalid() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        var damaged = authority.certificatePEM
        let middle = damaged.index(damaged.startIndex, offsetBy: 100)
        damaged.replaceSubrange(middle...damaged.index(after: middle), with: "!!")

        for text in ["", "not a certificate", damaged] {
            let error = #expect(throws: CryptoError.self) {
                try CertificateInfo.parse(pem: text)
            }
            #expect(error?.code == .invalidPEM)
        }
    }

    private func sha1(_ data: Data) -> [UInt8] {
        let bytes = Array(data)
        var output = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        var length: UInt32 = 0
        EVP_Digest(bytes, bytes.count, &output, &length, EVP_sha1(), nil)
        return output
    }
}
