import Glibc
import Testing

@testable import MidkvTransport

@Suite("IPAddress")
struct IPAddressTests {
    @Test(
        "loopback is 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8",
        arguments: [
            ("127.0.0.1", true), ("127.255.255.254", true), ("::1", true), ("::ffff:127.0.0.9", true),
            ("128.0.0.1", false), ("0.0.0.0", false), ("::", false), ("::2", false), ("::ffff:192.0.2.1", false),
            ("2001:db8::1", false),
        ]
    )
    func loopback(text: String, expected: Bool) throws {
        let address = try #require(IPAddress(text))
        #expect(address.isLoopback == expected)
    }

    @Test("names and malformed literals are not addresses", arguments: ["localhost", "127.0.0", "1.2.3.4.5", ""])
    func notAnAddress(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("an address read from a sockaddr prints in its usual form")
    func fromSocketAddress() throws {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        inet_pton(AF_INET6, "2001:db8::7", &address.sin6_addr)

        let parsed = withUnsafeBytes(of: address) { IPAddress(socketAddress: $0.baseAddress!, family: AF_INET6) }

        #expect(parsed?.description == "2001:db8::7")
        #expect(parsed?.isLoopback == false)
    }
}
