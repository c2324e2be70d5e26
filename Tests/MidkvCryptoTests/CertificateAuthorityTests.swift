import COpenSSL
import Foundation
import MidkvCrypto
import MidkvSupport
import Testing

@Suite("Certificate authority")
struct CertificateAuthorityTests {
    @Test("a new authority is a self-signed CA with the requested subject and window")
    func newAuthority() throws {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let end = Date(timeIntervalSince1970: 2_082_758_400)
        let authority = try CertificateAuthority(
            commonName: "midkv Test Root CA",
            organization: "Contoso Lab",
            notBefore: start,
            notAfter: end
        )

        let info = try #require(try CertificateInfo.parse(pem: authority.certificatePEM).first)
        #expect(info.subject == "CN=midkv Test Root CA,O=Contoso Lab")
        #expect(info.issuer == info.subject)
        #expect(info.isCA)
        #expect(info.notBefore == start)
        #expect(info.notAfter == end)
        #expect(info.serial.count == 32)
        #expect(info.subjectAltNames.isEmpty)
        #expect(
            ChainVerifier.verify(chainPEM: authority.certificatePEM, trusting: authority.certificatePEM) == X509_V_OK
        )
    }

    @Test("two authorities get different random serial numbers")
    func randomSerials() throws {
        let first = try CertificateAuthority(commonName: "First CA").certificateInfo()
        let second = try CertificateAuthority(commonName: "Second CA").certificateInfo()

        #expect(first.serial != second.serial)
    }

    @Test(
        "a leaf for a wildcard name verifies against its CA, with host and IP checks",
        arguments: [
            CertificateAuthority.KeyType.ecdsaP256, .rsa2048,
        ]
    )
    func wildcardLeafVerifies(keyType: CertificateAuthority.KeyType) throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA", keyType: keyType)
        let identity = try authority.issueServerIdentity(
            dnsNames: ["*.vault.azure.net", "localhost"],
            ipAddresses: ["127.0.0.1"],
            keyType: keyType
        )
        let chain = identity.certificateChainPEM
        let root = authority.certificatePEM

        #expect(ChainVerifier.verify(chainPEM: chain, trusting: root, host: "kv-contoso.vault.azure.net") == X509_V_OK)
        #expect(ChainVerifier.verify(chainPEM: chain, trusting: root, host: "localhost") == X509_V_OK)
        #expect(ChainVerifier.verify(chainPEM: chain, trusting: root, ip: "127.0.0.1") == X509_V_OK)
        #expect(
            ChainVerifier.verify(chainPEM: chain, trusting: root, host: "vault.azure.net")
                == X509_V_ERR_HOSTNAME_MISMATCH
        )
        #expect(
            ChainVerifier.verify(chainPEM: chain, trusting: root, ip: "127.0.0.2") == X509_V_ERR_IP_ADDRESS_MISMATCH
        )
    }

    @Test("the chain holds the leaf, then the CA, and the key is PKCS #8 PEM")
    func chainOrder() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(dnsNames: ["vault.local"])

        let infos = try CertificateInfo.parse(pem: identity.certificateChainPEM)
        #expect(infos.map(\.subject) == ["CN=vault.local", "CN=midkv Test Root CA"])
        #expect(infos.map(\.isCA) == [false, true])
        #expect(infos[0].issuer == infos[1].subject)
        #expect(identity.privateKeyPEM.reveal().hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    }

    @Test("a leaf from a different authority fails as an untrusted self-signed chain")
    func interceptingAuthority() throws {
        let trusted = try CertificateAuthority(commonName: "midkv Test Root CA")
        let inspector = try CertificateAuthority(commonName: "Corporate Inspection CA", organization: "Contoso")
        let identity = try inspector.issueServerIdentity(dnsNames: ["*.vault.azure.net"])

        let result = ChainVerifier.verify(
            chainPEM: identity.certificateChainPEM,
            trusting: trusted.certificatePEM,
            host: "kv-contoso.vault.azure.net"
        )
        #expect(result == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN)
        #expect(
            try CertificateInfo.parse(pem: identity.certificateChainPEM)[0].issuer
                == "CN=Corporate Inspection CA,O=Contoso"
        )
    }

    @Test("an expired leaf fails verification and reports its past dates")
    func expiredLeaf() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let start = Date(timeIntervalSince1970: 1_672_531_200)
        let end = Date(timeIntervalSince1970: 1_704_067_200)
        let identity = try authority.issueServerIdentity(dnsNames: ["vault.local"], notBefore: start, notAfter: end)

        let info = try CertificateInfo.parse(pem: identity.certificateChainPEM)[0]
        #expect(info.notBefore == start)
        #expect(info.notAfter == end)
        #expect(!info.isValid(at: Date()))
        #expect(
            ChainVerifier.verify(chainPEM: identity.certificateChainPEM, trusting: authority.certificatePEM)
                == X509_V_ERR_CERT_HAS_EXPIRED
        )
    }

    @Test("a saved authority loads again and issues certificates its old self verifies")
    func reload() throws {
        let original = try CertificateAuthority(commonName: "midkv Test Root CA", keyType: .rsa2048)
        let loaded = try CertificateAuthority(
            certificatePEM: original.certificatePEM,
            privateKeyPEM: original.privateKeyPEM
        )
        let identity = try loaded.issueServerIdentity(dnsNames: ["login.local"])

        #expect(loaded.certificatePEM == original.certificatePEM)
        #expect(
            ChainVerifier.verify(
                chainPEM: identity.certificateChainPEM,
                trusting: original.certificatePEM,
                host: "login.local"
            ) == X509_V_OK
        )
    }

    @Test("loading refuses a key of another authority and a certificate that is not a CA")
    func loadRejections() throws {
        let first = try CertificateAuthority(commonName: "First CA")
        let second = try CertificateAuthority(commonName: "Second CA")
        let leaf = try first.issueServerIdentity(dnsNames: ["vault.local"])

        let mismatch = #expect(throws: CryptoError.self) {
            try CertificateAuthority(certificatePEM: first.certificatePEM, privateKeyPEM: second.privateKeyPEM)
        }
        #expect(mismatch?.code == .keyMismatch)

        let notCA = #expect(throws: CryptoError.self) {
            try CertificateAuthority(certificatePEM: leaf.certificateChainPEM, privateKeyPEM: leaf.privateKeyPEM)
        }
        #expect(notCA?.code == .notACertificateAuthority)
    }

    @Test("a malformed DNS name, IP address or window is named in the error")
    func invalidInput() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")

        let badName = #expect(throws: CryptoError.self) {
            try authority.issueServerIdentity(dnsNames: ["vault,local"])
        }
        #expect(badName?.code == .invalidInput)
        #expect(badName?.description.contains("'vault,local'") == true)

        let badAddress = #expect(throws: CryptoError.self) {
            try authority.issueServerIdentity(dnsNames: [], ipAddresses: ["127.0.0.256"])
        }
        #expect(badAddress?.description.contains("'127.0.0.256' is not an IPv4 or IPv6 address") == true)

        let now = Date()
        let badWindow = #expect(throws: CryptoError.self) {
            try authority.issueServerIdentity(
                dnsNames: ["vault.local"],
                notBefore: now,
                notAfter: now.addingTimeInterval(-1)
            )
        }
        #expect(badWindow?.code == .invalidInput)
    }

    @Test("private keys never appear in descriptions, dumps or errors")
    func keysStayHidden() throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(dnsNames: ["vault.local"])
        let other = try CertificateAuthority(commonName: "Other CA")
        let error = #expect(throws: CryptoError.self) {
            try CertificateAuthority(certificatePEM: authority.certificatePEM, privateKeyPEM: other.privateKeyPEM)
        }

        var dumped = ""
        dump(authority, to: &dumped)
        dump(identity, to: &dumped)
        let texts = [
            String(describing: authority), String(reflecting: authority), "\(identity)", dumped,
            String(describing: error as Any),
        ]
        let keyLines =
            PEMText.bodyLines(authority.privateKeyPEM.reveal())
            + PEMText.bodyLines(identity.privateKeyPEM.reveal())
            + PEMText.bodyLines(other.privateKeyPEM.reveal())

        for text in texts {
            #expect(!text.contains("PRIVATE KEY"))
            #expect(keyLines.allSatisfy { !text.contains($0) })
        }
        #expect(dumped.contains(Secret.redactionMarker))
    }
}
