import MidkvCrypto
import Testing

@Suite("Keys kept for the life of the process")
struct ProcessKeysTests {
    @Test("a name always gives the same key; another name another key")
    func sameNameSameKey() throws {
        let first = try ProcessKeys.rsa2048("process keys test A").publicKeyPEM()
        let again = try ProcessKeys.rsa2048("process keys test A").publicKeyPEM()
        let other = try ProcessKeys.rsa2048("process keys test B").publicKeyPEM()

        #expect(first == again)
        #expect(first != other)
        #expect(first.hasPrefix("-----BEGIN PUBLIC KEY-----"))
    }
}
