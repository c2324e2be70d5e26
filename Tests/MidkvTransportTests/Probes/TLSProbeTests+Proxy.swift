import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension TLSProbeTests {
    private func route(_ proxy: ConnectProxy) -> ProxyRoute {
        ProxyRoute(host: "proxy.contoso.local", address: proxy.host, port: proxy.port)
    }

    @Test("through a tunnelling proxy the handshake completes and the CONNECT status line is kept")
    func throughProxy() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let identity = try pki.identity(dnsNames: [AzureNames.vault], ipAddresses: [])

        let (result, lines) = try await withProbeServer(tls: .required(identity)) { _, port in
            let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: port))
            defer { proxy.stop() }
            let probe = TLSProbe(routing: confined(), trust: .caFile(pki.caFile))
            let result = await probe.probe(
                serverName: AzureNames.vault,
                port: 443,
                through: route(proxy),
                timeBox: .seconds(10)
            )
            return (result, proxy.connectLines)
        }

        #expect(result.outcome == .completed)
        #expect(result.verification?.code == 0)
        #expect(result.proxy?.reply?.statusLine == "HTTP/1.1 200 Connection established")
        #expect(result.connection?.host == "proxy.contoso.local")
        #expect(lines == ["CONNECT \(AzureNames.vault):443 HTTP/1.1"])
    }

    @Test("a proxy that refuses the tunnel is proxyFailed with its status")
    func proxyRefuses() async throws {
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        defer { proxy.stop() }

        let result = await TLSProbe(routing: confined()).probe(
            serverName: AzureNames.vault,
            port: 443,
            through: route(proxy),
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .proxyFailed)
        #expect(result.proxy?.reply?.status == 403)
        #expect(result.chain.isEmpty)
    }

    @Test("a proxy nobody listens on is connectFailed")
    func proxyDown() async throws {
        let reserved = try ReservedPort()
        let route = ProxyRoute(host: "127.0.0.1", address: "127.0.0.1", port: reserved.port)

        let result = await TLSProbe(routing: confined()).probe(
            serverName: AzureNames.vault,
            port: 443,
            through: route,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .connectFailed)
        #expect(result.connection?.outcome == .refused)
    }
}
