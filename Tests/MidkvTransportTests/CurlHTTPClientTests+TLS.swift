import Foundation
import Glibc
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension CurlHTTPClientTests {
    @Test("a reset during the TLS handshake is reported as connection-reset")
    func resetDuringHandshake() async throws {
        let server = try ScriptedSocketServer(.resetAfterFirstBytes)
        let client = makeClient()
        defer { client.shutdown() }

        let url = URL(string: "https://127.0.0.1:\(server.port)/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .connectionReset)
        #expect(error.curlCode == 35)
        #expect(error.osErrno == ECONNRESET)
        #expect(server.requests.first?.bytes.first == 0x16)
    }

    @Test("a plain HTTP answer on a TLS port is reported as tls-handshake")
    func plainHTTPOnTLSPort() async throws {
        let server = try ScriptedSocketServer(.replyToFirstBytes(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let url = URL(string: "https://127.0.0.1:\(server.port)/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .tlsHandshake)
        #expect(error.curlCode == 35)
    }

    @Test("connect-to keeps the real host name as the TLS server name")
    func connectToKeepsServerName() async throws {
        let server = try ScriptedSocketServer(.resetAfterFirstBytes)
        let client = makeClient { $0.connectTo = "127.0.0.1:\(server.port)" }
        defer { client.shutdown() }

        let url = URL(string: "https://kv-test.vault.azure.net/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        let hello = try #require(server.requests.first?.bytes)
        #expect(error.kind == .connectionReset)
        #expect(error.host == "kv-test.vault.azure.net")
        #expect(hello.firstRange(of: Data("kv-test.vault.azure.net".utf8)) != nil)
    }

    @Test("https through the proxy asks the proxy for the host name and never resolves it")
    func proxyTunnelKeepsHostName() async throws {
        let server = try ScriptedSocketServer(.resetAfterFirstBytes)
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: server.port))
        let client = makeClient { $0.proxy = .init(host: proxy.host, port: proxy.port) }
        defer { client.shutdown() }

        let url = URL(string: "https://kv-test.vault.azure.net/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        // The proxy ends the tunnel with a normal close when the server resets it.
        #expect(error.kind == .tlsHandshake)
        #expect(proxy.connectLines == ["CONNECT kv-test.vault.azure.net:443 HTTP/1.1"])
        #expect(server.requests.first?.bytes.firstRange(of: Data("kv-test.vault.azure.net".utf8)) != nil)
    }
}
