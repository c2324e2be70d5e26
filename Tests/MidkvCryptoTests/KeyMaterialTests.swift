import MidkvCrypto
import MidkvSupport
import Testing

@Suite("KeyMaterial")
struct KeyMaterialTests {
    @Test("a new RSA key is PKCS#8 PEM with one header, a body and one footer")
    func rsaKey() throws {
        let pem = try KeyMaterial.newPrivateKeyPEM(.rsa2048).reveal()
        let lines = pem.split(separator: "\n")

        #expect(lines.first == "-----BEGIN PRIVATE KEY-----")
        #expect(lines.last == "-----END PRIVATE KEY-----")
        #expect(lines.count > 20)
        #expect(try KeyMaterial.newPrivateKeyPEM(.rsa2048).reveal() != pem)
    }
}
