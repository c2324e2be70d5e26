import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("proxy probe")
struct ProxyProbeTests {
    private func proxySetting(_ proxy: ConnectProxy, password: String? = nil) -> TransportConfiguration.Proxy {
        TransportConfiguration.Proxy(
            host: proxy.host,
            port: proxy.port,
            username: password == nil ? nil : "svc-mid",
            password: password.map(Secret.init)
        )
    }

    @Test("a tunnelling proxy answers 200 to CONNECT for the real host and port")
    func tunnel() async throws {
        let upstream = try ScriptedSocketServer(.closeWithoutReply)
        defer { upstream.stop() }
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: upstream.port))
        defer { proxy.stop() }

        let result = await ProxyProbe(routing: confined()).probe(
            proxy: proxySetting(proxy),
            targetHost: AzureNames.vault,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .tunnelOpened)
        #expect(result.reply?.statusLine == "HTTP/1.1 200 Connection established")
        #expect(result.connection?.outcome == .connected)
        #expect(result.dns?.outcome == .resolved(["127.0.0.1"]))
        #expect(proxy.connectLines == ["CONNECT \(AzureNames.vault):443 HTTP/1.1"])
    }

    @Test("the redirect does not apply to the proxy itself")
    func proxyNotRedirected() async throws {
        let reserved = try ReservedPort()
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        defer { proxy.stop() }

        let result = await ProxyProbe(routing: redirect(to: reserved.port)).probe(
            proxy: proxySetting(proxy),
            targetHost: AzureNames.vault,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.connection?.port == proxy.port)
        #expect(result.reply?.status == 403)
    }

    @Test("a 403 is refused with its status and reason")
    func forbidden() async throws {
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        defer { proxy.stop() }

        let result = await ProxyProbe(routing: confined()).probe(
            proxy: proxySetting(proxy),
            targetHost: AzureNames.vault,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .refused)
        #expect(result.reply == ProxyReply(statusLine: "HTTP/1.1 403 Forbidden", status: 403, reason: "Forbidden"))
    }

    @Test("a 407 names the schemes the proxy offers; credentials go out as Basic and are never shown")
    func authenticationRequired() async throws {
        let proxy = try ConnectProxy(mode: .refuse(status: 407))
        defer { proxy.stop() }
        let logs = MemoryLogHandler()
        let logger = Logger(label: "test", handler: logs, minimumLevel: .trace)

        let result = await ProxyProbe(routing: confined(), logger: logger).probe(
            proxy: proxySetting(proxy, password: "CANARY-proxy-pass"),
            targetHost: AzureNames.login,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .refused)
        #expect(result.reply?.status == 407)
        #expect(result.reply?.authenticationSchemes == ["Basic"])
        let sent = proxy.connects.first?.headers["Proxy-Authorization"]
        #expect(sent == "Basic " + Data("svc-mid:CANARY-proxy-pass".utf8).base64EncodedString())
        #expect(!"\(result)".contains("CANARY"))
        #expect(!logs.transcript.contains("CANARY"))
    }

    @Test("a 502 from the proxy is refused with status 502")
    func badGateway() async throws {
        let proxy = try ConnectProxy(mode: .refuse(status: 502))
        defer { proxy.stop() }

        let result = await ProxyProbe(routing: confined()).probe(
            proxy: proxySetting(proxy),
            targetHost: AzureNames.vault,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.reply?.status == 502)
        #expect(result.reply?.reason == "Bad Gateway")
    }

    @Test("a proxy name that does not resolve is unresolved, with the lookup's facts")
    func unresolved() async {
        let resolver = StaticNameResolver([:])
        let proxy = TransportConfiguration.Proxy(host: "proxy.contoso.local", port: 3128)

        let result = await ProxyProbe(resolver: resolver, routing: confined()).probe(
            proxy: proxy,
            targetHost: AzureNames.vault,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .unresolved)
        #expect(result.dns?.outcome == .noSuchName)
        #expect(result.connection == nil)
        #expect(resolver.lookups == ["proxy.contoso.local"])
    }

    @Test("a proxy port nobody listens on is unreachable, with the refused connection")
    func unreachable() async throws {
        let reserved = try ReservedPort()
        let proxy = TransportConfiguration.Proxy(host: "127.0.0.1", port: reserved.port)

        let result = await ProxyProbe(routing: confined()).probe(
            proxy: proxy,
            targetHost: AzureNames.vault,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .unreachable)
        #expect(result.connection?.outcome == .refused)
    }

    @Test("a proxy that answers with something other than HTTP is malformed")
    func malformed() async throws {
        let server = try ScriptedSocketServer(.replyToFirstBytes(Data("SSH-2.0-OpenSSH_9.2\r\n\r\n".utf8)))
        defer { server.stop() }
        let proxy = TransportConfiguration.Proxy(host: "127.0.0.1", port: server.port)

        let result = await ProxyProbe(routing: confined()).probe(
            proxy: proxy,
            targetHost: AzureNames.vault,
            targetPort: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .malformed("SSH-2.0-OpenSSH_9.2"))
    }
}
