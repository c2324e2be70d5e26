import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("ConnectProxy")
struct ConnectProxyTests {
    @Test("stop closes open tunnels")
    func stopClosesTunnels() async throws {
        let server = try ScriptedSocketServer(.hang)
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: server.port))
        let client = makeClient { $0.proxy = .init(host: proxy.host, port: proxy.port) }
        defer { client.shutdown() }

        let task = Task { await failure(of: get(server), on: client) }
        #expect(await server.waitForRequests(1))
        proxy.stop()

        #expect(await task.value?.kind == .emptyReply)
    }

    @Test("a tunnel to an address that is not loopback is refused")
    func refusesOtherUpstreams() {
        #expect(throws: LoopbackSocketError.self) {
            _ = try ConnectProxy(mode: .tunnel(upstreamHost: "10.0.0.1", upstreamPort: 443))
        }
    }

    @Test("a tunnel whose upstream is closed is answered with 502")
    func unreachableUpstream() async throws {
        let closed = try ReservedPort()
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: closed.port))
        let client = makeClient { $0.proxy = .init(host: proxy.host, port: proxy.port) }
        defer { client.shutdown() }

        let url = URL(string: "http://127.0.0.1:\(closed.port)/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .proxyFailure)
        #expect(error.proxyStatus == 502)
    }
}
