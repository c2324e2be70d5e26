import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("certificate chain verdict")
struct ChainVerdictTests {
    private func handshake(_ identity: TLSIdentity, trust: TLSTrust) async throws -> TLSProbeResult {
        try await withProbeServer(tls: .required(identity)) { _, port in
            await TLSProbe(routing: redirect(to: port), trust: trust).probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(10)
            )
        }
    }

    @Test("a chain re-signed by an inspection CA is intercepted, naming the issuer and root")
    func intercepted() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let inspection = try CertificateAuthority(commonName: "Contoso Outbound Inspection CA", organization: "Contoso")
        let expected = [ExpectedRoot(certificate: try pki.authority.certificateInfo())]

        let result = try await handshake(
            try inspection.issueServerIdentity(dnsNames: [AzureNames.vault]),
            trust: .caFile(pki.caFile)
        )
        let verdict = try #require(ChainVerdict.judge(result, expectedRoots: expected))

        #expect(verdict.kind == .intercepted)
        #expect(verdict.issuer == "CN=Contoso Outbound Inspection CA,O=Contoso")
        #expect(verdict.rootSubject == "CN=Contoso Outbound Inspection CA,O=Contoso")
        #expect(verdict.matchedRoot == nil)
        #expect(verdict.verification?.code == TLSVerification.selfSignedInChain)
    }

    @Test("a chain under the expected root that verifies is trusted")
    func trusted() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let root = ExpectedRoot(certificate: try pki.authority.certificateInfo())

        let result = try await handshake(try pki.identity(dnsNames: [AzureNames.vault]), trust: .caFile(pki.caFile))
        let verdict = try #require(ChainVerdict.judge(result, expectedRoots: [root]))

        #expect(verdict.kind == .trusted)
        #expect(verdict.matchedRoot == root)
        #expect(root.name == "midkv Test Root CA")
    }

    @Test("a chain under the expected root that the trust store lacks is untrusted, not intercepted")
    func untrusted() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let root = ExpectedRoot(certificate: try pki.authority.certificateInfo())

        let result = try await handshake(try pki.identity(dnsNames: [AzureNames.vault]), trust: .systemStore)
        let verdict = try #require(ChainVerdict.judge(result, expectedRoots: [root]))

        #expect(verdict.kind == .untrusted)
        #expect(verdict.verification?.code == TLSVerification.selfSignedInChain)
    }

    @Test("an expired leaf under the expected root is untrusted with code 10")
    func expired() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let root = ExpectedRoot(certificate: try pki.authority.certificateInfo())
        let identity = try pki.identity(dnsNames: [AzureNames.vault], notAfter: Date().addingTimeInterval(-60))

        let result = try await handshake(identity, trust: .caFile(pki.caFile))
        let verdict = try #require(ChainVerdict.judge(result, expectedRoots: [root]))

        #expect(verdict.kind == .untrusted)
        #expect(verdict.verification?.code == TLSVerification.certificateExpired)
    }

    @Test("a chain that does not present its root is matched to Azure's roots by name")
    func azureRootByName() {
        let leaf = certificate(
            subject: "CN=\(AzureNames.vault)",
            issuer: "CN=Microsoft Azure RSA TLS Issuing CA 04,O=Microsoft Corporation,C=US"
        )
        let intermediate = certificate(
            subject: "CN=Microsoft Azure RSA TLS Issuing CA 04,O=Microsoft Corporation,C=US",
            issuer: "CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US"
        )

        let verdict = ChainVerdict.judge(
            chain: [leaf, intermediate],
            verifiedChain: [],
            verification: TLSVerification(code: 20, text: "unable to get local issuer certificate"),
            expectedRoots: ExpectedRoot.azure
        )

        #expect(verdict.kind == .untrusted)
        #expect(verdict.matchedRoot?.sha1Thumbprint == "df3c24f9bfd666761b268073fe06d1cc8d4f82a4")
        #expect(verdict.rootSubject == "CN=DigiCert Global Root G2,OU=www.digicert.com,O=DigiCert Inc,C=US")
    }

    @Test("with no expected roots nothing is called intercepted")
    func noExpectedRoots() {
        let leaf = certificate(subject: "CN=\(AzureNames.vault)", issuer: "CN=Contoso Outbound Inspection CA,O=Contoso")

        let verdict = ChainVerdict.judge(
            chain: [leaf],
            verifiedChain: [],
            verification: TLSVerification(code: 20, text: "unable to get local issuer certificate"),
            expectedRoots: []
        )

        #expect(verdict.kind == .untrusted)
        #expect(verdict.issuer == "CN=Contoso Outbound Inspection CA,O=Contoso")
    }

    @Test("thumbprints are kept lower-case without separators")
    func thumbprintNormalised() {
        let root = ExpectedRoot(name: "DigiCert Global Root G2", sha1Thumbprint: "DF:3C:24:F9 BF:D6")

        #expect(root.sha1Thumbprint == "df3c24f9bfd6")
    }

    @Test("the common name is read from RFC 2253 text with escapes")
    func commonName() {
        #expect(DistinguishedName.commonName(of: "O=Contoso\\, Ltd,CN=Proxy CA") == "Proxy CA")
        #expect(DistinguishedName.commonName(of: "O=Contoso") == nil)
    }

    private func certificate(subject: String, issuer: String) -> CertificateInfo {
        CertificateInfo(
            subject: subject,
            issuer: issuer,
            notBefore: Date(timeIntervalSince1970: 0),
            notAfter: Date(timeIntervalSince1970: 4_000_000_000),
            serial: "01",
            sha256Fingerprint: String(repeating: "ab", count: 32),
            sha1Fingerprint: String(repeating: "cd", count: 20),
            subjectAltNames: [],
            isCA: false
        )
    }
}
