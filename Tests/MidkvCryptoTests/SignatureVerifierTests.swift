import Foundation
import MidkvCrypto
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("JWS signatures")
struct SignatureVerifierTests {
    static let message = Data("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtaWRrdiJ9".utf8)

    @Test("RS256 and PS256 signatures verify with the certificate's key, and only for their own algorithm")
    func roundTrip() throws {
        let key = try TestKeys.rsa()
        let verifier = try SignatureVerifier(certificatePEM: key.selfSignedCertificatePEM(commonName: "c"))

        let rs256 = try key.sign(Self.message, algorithm: .rs256)
        let ps256 = try key.sign(Self.message, algorithm: .ps256)

        #expect(rs256.count == 256)
        #expect(verifier.isValid(rs256, of: Self.message, algorithm: .rs256))
        #expect(verifier.isValid(ps256, of: Self.message, algorithm: .ps256))
        #expect(!verifier.isValid(rs256, of: Self.message, algorithm: .ps256))
        #expect(try key.sign(Self.message, algorithm: .rs256) == rs256)
        #expect(try key.sign(Self.message, algorithm: .ps256) != ps256)
    }

    @Test("a changed message, a changed signature or another key fails verification")
    func tampering() throws {
        let key = try TestKeys.rsa()
        let verifier = try SignatureVerifier(publicKeyPEM: key.publicKeyPEM())
        var signature = try key.sign(Self.message, algorithm: .rs256)

        #expect(verifier.isValid(signature, of: Self.message, algorithm: .rs256))
        #expect(!verifier.isValid(signature, of: Self.message + Data("x".utf8), algorithm: .rs256))
        let other = try SignatureVerifier(publicKeyPEM: TestKeys.rsa(1).publicKeyPEM())
        #expect(!other.isValid(signature, of: Self.message, algorithm: .rs256))
        signature[10] ^= 0x01
        #expect(!verifier.isValid(signature, of: Self.message, algorithm: .rs256))
    }

    @Test(
        "the openssl tool accepts midkv's signatures",
        arguments: [
            (JWSAlgorithm.rs256, [] as [String]),
            (.ps256, ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]),
        ]
    )
    func interoperability(algorithm: JWSAlgorithm, options: [String]) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let key = try TestKeys.rsa()
        try folder.write("public.pem", key.publicKeyPEM())
        try Self.message.write(to: folder.url.appendingPathComponent("message"))
        try Data(key.sign(Self.message, algorithm: algorithm)).write(to: folder.url.appendingPathComponent("sig"))

        let result = try await OpenSSLTool.run(
            ["dgst", "-sha256", "-verify", "public.pem"] + options + ["-signature", "sig", "message"],
            in: folder
        )

        #expect(result.status == 0)
        #expect(result.output == "Verified OK\n")
    }

    @Test("x5t#S256 is the Base64URL SHA-256 of the DER certificate; the portal thumbprint is upper-case SHA-1")
    func thumbprints() throws {
        let pem = try TestKeys.rsa().selfSignedCertificatePEM(commonName: "c")
        let der = try #require(PEMText.derBlocks(pem).first)
        let info = try #require(try CertificateInfo.parse(pem: pem).first)

        #expect(info.x5tS256 == Base64URL.encode(Digest.sha256(der)))
        #expect(info.x5tS256.count == 43)
        #expect(info.portalThumbprint == info.sha1Fingerprint.uppercased())
        #expect(Base64URL.decode(info.x5t)?.count == 20)
    }

    @Test("an EC public key is read, but never verifies an RSA algorithm")
    func ellipticCurveKey() throws {
        let key = try SigningKey.generate(.ecdsaP256)
        let verifier = try SignatureVerifier(certificatePEM: key.selfSignedCertificatePEM(commonName: "ec"))

        #expect(verifier.kind == .ellipticCurve(bits: 256))
        #expect(!verifier.isValid([UInt8](repeating: 1, count: 64), of: Self.message, algorithm: .rs256))
    }

    @Test("a self-signed certificate keeps the validity window it was given, past ones included")
    func validityWindow() throws {
        let start = Date(timeIntervalSince1970: 1_600_000_000)
        let end = Date(timeIntervalSince1970: 1_700_000_000)
        let pem = try TestKeys.rsa()
            .selfSignedCertificatePEM(commonName: "expired", notBefore: start, notAfter: end)

        let info = try #require(try CertificateInfo.parse(pem: pem).first)
        #expect(info.notBefore == start)
        #expect(info.notAfter == end)
        #expect(info.subject == "CN=expired")
        #expect(!info.isCA)
    }
}
