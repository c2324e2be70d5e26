import Foundation
import MidkvCrypto
import Testing

@Suite("Digest, Base64URL and SecureRandom")
struct DigestTests {
    @Test("SHA-256 matches the FIPS 180-2 test vector for \"abc\"")
    func sha256() {
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

        #expect(Digest.hex(Digest.sha256(Data("abc".utf8))) == expected)
    }

    @Test("HMAC-SHA-256 matches RFC 4231 test case 2")
    func hmac() {
        let mac = Digest.hmacSHA256(Data("what do ya want for nothing?".utf8), key: Data("Jefe".utf8))
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"

        #expect(Digest.hex(mac) == expected)
    }

    @Test("constant-time comparison tells equal from different")
    func compare() {
        #expect(Digest.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEquals([1, 2], [1, 2, 3]))
    }

    @Test("Base64URL round-trips and uses the URL-safe alphabet without padding")
    func base64URL() throws {
        let bytes = Data([0xfb, 0xff, 0xfe, 0x00, 0x3e])
        let encoded = Base64URL.encode(bytes)

        #expect(encoded == "-__-AD4")
        #expect(try #require(Base64URL.decode(encoded)) == bytes)
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("***") == nil)
    }

    @Test("random bytes differ between calls")
    func random() {
        #expect(SecureRandom.bytes(16).count == 16)
        #expect(SecureRandom.hex(16) != SecureRandom.hex(16))
    }
}
