import Foundation
import Glibc
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension CurlHTTPClientTests {
    @Test("a request with a configured proxy goes through a CONNECT tunnel")
    func proxyTunnel() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: server.port))
        let client = makeClient { $0.proxy = .init(host: proxy.host, port: proxy.port) }
        defer { client.shutdown() }

        let response = try await client.send(get(server, "/secrets/db"))

        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/plain")
        #expect(proxy.connectLines == ["CONNECT 127.0.0.1:\(server.port) HTTP/1.1"])
        #expect(server.requests.first?.requestLine == "GET /secrets/db HTTP/1.1")
    }

    @Test("proxy credentials go to the proxy as Basic authorization and nowhere else")
    func proxyCredentials() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: server.port))
        let client = makeClient {
            $0.proxy = .init(host: proxy.host, port: proxy.port, username: "svc-mid", password: Secret("CANARY-pw"))
        }
        defer { client.shutdown() }

        _ = try await client.send(get(server))

        let expected = "Basic " + Data("svc-mid:CANARY-pw".utf8).base64EncodedString()
        #expect(proxy.connects.first?.headers["Proxy-Authorization"] == expected)
        #expect(server.requests.first?.header("Proxy-Authorization") == nil)
    }

    @Test("a proxy refusing CONNECT is reported as proxy-failure with its status", arguments: [403, 407, 502])
    func proxyRefuses(status: Int) async throws {
        let proxy = try ConnectProxy(mode: .refuse(status: status))
        let client = makeClient {
            $0.proxy = .init(host: proxy.host, port: proxy.port, username: "svc-mid", password: Secret("CANARY-pw"))
        }
        defer { client.shutdown() }

        let url = URL(string: "http://127.0.0.1:9/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .proxyFailure)
        #expect(error.proxyStatus == status)
        #expect(error.curlCode == 56)
        #expect(proxy.connectLines == ["CONNECT 127.0.0.1:9 HTTP/1.1"])
        #expect(!error.description.contains("CANARY"))
    }

    @Test("a proxy that is not running is reported as connection-refused, naming the proxy")
    func proxyNotRunning() async throws {
        let closed = try ReservedPort()
        let client = makeClient { $0.proxy = .init(host: "127.0.0.1", port: closed.port) }
        defer { client.shutdown() }

        let url = URL(string: "http://127.0.0.1:9/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .connectionRefused)
        #expect(error.osErrno == ECONNREFUSED)
        #expect(error.proxyAddress == "127.0.0.1:\(closed.port)")
    }

    @Test("a refused direct connection to a host on the no-proxy list does not name the proxy")
    func bypassedHostRefused() async throws {
        let closed = try ReservedPort()
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        let client = makeClient {
            $0.proxy = .init(host: proxy.host, port: proxy.port)
            $0.noProxy = ["localhost"]
        }
        defer { client.shutdown() }

        let url = URL(string: "http://localhost:\(closed.port)/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .connectionRefused)
        #expect(error.proxyAddress == nil)
        #expect(proxy.connects.isEmpty)
    }

    @Test("hosts on the no-proxy list and requests that never use a proxy connect directly")
    func proxyBypass() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        let client = makeClient {
            $0.proxy = .init(host: proxy.host, port: proxy.port)
            $0.noProxy = ["localhost"]
        }
        defer { client.shutdown() }

        let listed = URL(string: "http://localhost:\(server.port)/listed")!
        _ = try await client.send(HTTPRequest(method: .get, url: listed))
        var direct = get(server, "/identity")
        direct.proxyUse = .never
        _ = try await client.send(direct)

        #expect(proxy.connects.isEmpty)
        #expect(server.requests.map(\.requestLine) == ["GET /listed HTTP/1.1", "GET /identity HTTP/1.1"])
    }
}
