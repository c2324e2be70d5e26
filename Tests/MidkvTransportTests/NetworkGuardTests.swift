import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

/// Every address used here is in a documentation range (192.0.2.0/24, 2001:db8::/32): safe to
/// refuse, and never actually contacted because the guard refuses before a socket exists.
@Suite("NetworkGuard")
struct NetworkGuardTests {
    @Test("a loopback-only client refuses an IPv4 address before opening a socket")
    func blocksIPv4() async throws {
        let client = makeClient { $0.connectTimeout = .milliseconds(500) }
        defer { client.shutdown() }

        let url = URL(string: "https://192.0.2.1/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .nonLoopbackBlocked)
        #expect(error.host == "192.0.2.1")
        #expect(error.remoteAddress == "192.0.2.1")
        #expect(error.detail.contains("192.0.2.1"))
        #expect(Self.attempts(to: "192.0.2.1").map(\.host) == ["192.0.2.1"])
    }

    @Test(
        "IPv6 and IPv4-mapped addresses outside loopback are refused too",
        arguments: [("https://[2001:db8::1]/", "2001:db8::1"), ("https://[::ffff:192.0.2.3]/", "::ffff:192.0.2.3")]
    )
    func blocksIPv6(text: String, address: String) async throws {
        let client = makeClient { $0.connectTimeout = .milliseconds(500) }
        defer { client.shutdown() }

        let error = try #require(await failure(of: HTTPRequest(method: .get, url: URL(string: text)!), on: client))

        #expect(error.kind == .nonLoopbackBlocked)
        #expect(error.remoteAddress == address)
        #expect(!Self.attempts(to: address).isEmpty)
    }

    @Test("a proxy outside loopback is refused like any other address")
    func blocksProxy() async throws {
        let client = makeClient {
            $0.proxy = .init(host: "192.0.2.2", port: 3128)
            $0.connectTimeout = .milliseconds(500)
        }
        defer { client.shutdown() }

        let url = URL(string: "http://127.0.0.1:9/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .nonLoopbackBlocked)
        #expect(error.remoteAddress == "192.0.2.2")
        #expect(Self.attempts(to: "192.0.2.2").map(\.host) == ["127.0.0.1"])
    }

    @Test("the process-wide guard confines a client that does not ask for it")
    func processWideGuard() async throws {
        NetworkGuard.confineToLoopback()
        let configuration = TransportConfiguration(connectTimeout: .milliseconds(500), loopbackOnly: false)
        let client = CurlHTTPClient(configuration: configuration)
        defer { client.shutdown() }

        let url = URL(string: "https://192.0.2.4/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(NetworkGuard.isConfined)
        #expect(error.kind == .nonLoopbackBlocked)
        #expect(!Self.attempts(to: "192.0.2.4").isEmpty)
    }

    @Test("plain http to an address outside loopback is refused by the URL check, before the guard")
    func plainHTTPRefusedFirst() async throws {
        let client = makeClient()
        defer { client.shutdown() }

        let url = URL(string: "http://192.0.2.9/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .insecureURL)
        #expect(Self.attempts(to: "192.0.2.9").isEmpty)
    }

    @Test("loopback addresses pass the guard")
    func loopbackPasses() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let response = try await client.send(get(server))

        #expect(response.status == 200)
        #expect(Self.attempts(to: "127.0.0.1").isEmpty)
    }

    private static func attempts(to address: String) -> [NetworkGuard.BlockedAttempt] {
        NetworkGuard.blockedAttempts.filter { $0.address == address }
    }
}
