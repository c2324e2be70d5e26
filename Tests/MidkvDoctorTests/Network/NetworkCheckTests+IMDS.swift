import Foundation
import MidkvCore
import MidkvDoctor
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension NetworkCheckTests {
    /// A check of the metadata hop alone, redirected to `port`.
    private func imdsOnly(_ port: Int, pki: TestPKI) throws -> NetworkCheck.Configuration {
        try redirected(to: port, pki: pki) { configuration in
            configuration.tokenHost = nil
            configuration.vaultHosts = []
            configuration.checksIMDS = true
        }
    }

    @Test("no connection to IMDS is network.imds-unreachable: managed identity cannot work here")
    func imdsUnreachable() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reserved = try ReservedPort()

        let report = await NetworkCheck(configuration: try imdsOnly(reserved.port, pki: pki)).run()

        let finding = try #require(report.finding(.networkIMDSUnreachable, host: Azure.imds))
        #expect(finding.severity == .error)
        #expect(
            finding.message == "The instance metadata service (\(Azure.imds):80) does not answer: connection refused"
        )
        #expect(finding.fix?.contains("Managed identity cannot work here: configure a client secret") == true)
        #expect(report.findings.count == 1)
    }

    @Test("IMDS dropping connections times out after the short IMDS time box")
    func imdsTimeout() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let blackhole = try BlackholeListener()

        let report = await NetworkCheck(configuration: try imdsOnly(blackhole.port, pki: pki)).run()

        let finding = try #require(report.finding(.networkIMDSUnreachable, host: Azure.imds))
        #expect(
            finding.message == "The instance metadata service (\(Azure.imds):80) does not answer: no answer within 1 s"
        )
    }

    @Test("another answer at the IMDS address is network.protocol naming what answered")
    func somethingElseAtIMDS() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            .text(502, "Bad Gateway", headers: HTTPHeaders([("Via", "1.1 proxy.contoso.local")]))
        }

        let report = try await withAzureStandIn(try pki.identity(), handler: handler) { port in
            await NetworkCheck(configuration: try imdsOnly(port, pki: pki)).run()
        }

        let finding = try #require(report.finding(.networkProtocol, host: Azure.imds))
        #expect(
            finding.message
                == "Something other than the instance metadata service answers at \(Azure.imds):80 (HTTP 502)"
        )
        #expect(finding.evidence("via") == "1.1 proxy.contoso.local")
    }

    @Test("IMDS answering only through the proxy is network.imds-proxied")
    func imdsOnlyThroughProxy() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reserved = try ReservedPort()

        let (report, lines) = try await withAzureStandIn(try pki.identity()) { port in
            let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: port))
            defer { proxy.stop() }
            var configuration = try imdsOnly(reserved.port, pki: pki)
            configuration.proxy = TransportConfiguration.Proxy(host: proxy.host, port: proxy.port)
            return (await NetworkCheck(configuration: configuration).run(), proxy.connectLines)
        }

        #expect(report.findings.map(\.code) == [.networkIMDSProxied])
        let finding = try #require(report.findings.first)
        #expect(finding.severity == .error)
        #expect(finding.evidence("through the proxy") == "HTTP 400")
        #expect(finding.fix?.contains("add it to the no-proxy list") == true)
        #expect(lines.allSatisfy { $0 == "CONNECT \(Azure.imds):80 HTTP/1.1" })
        let proxied = try #require(report.hops.first { $0.path != .direct })
        #expect(proxied.isInUse == false)
        #expect(proxied.facts.imds?.presence == .present)
    }

    @Test("IMDS unreachable directly and refused by the proxy stays imds-unreachable, with the proxy's answer")
    func imdsNeitherWay() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reserved = try ReservedPort()
        let proxy = try ConnectProxy(mode: .refuse(status: 502))
        defer { proxy.stop() }

        var configuration = try imdsOnly(reserved.port, pki: pki)
        configuration.proxy = TransportConfiguration.Proxy(host: proxy.host, port: proxy.port)
        let report = await NetworkCheck(configuration: configuration).run()

        let finding = try #require(report.finding(.networkIMDSUnreachable, host: Azure.imds))
        #expect(finding.evidence("through the proxy") == "HTTP/1.1 502 Bad Gateway")
    }

    @Test("IMDS present while the proxy settings also cover it is a warning to add it to no-proxy")
    func imdsCoveredByProxy() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        defer { proxy.stop() }

        let (covered, excluded) = try await withAzureStandIn(try pki.identity()) { port in
            var configuration = try imdsOnly(port, pki: pki)
            configuration.proxy = TransportConfiguration.Proxy(host: proxy.host, port: proxy.port)
            let covered = await NetworkCheck(configuration: configuration).run()
            configuration.noProxy = ["localhost", "169.254.169.254"]
            return (covered, await NetworkCheck(configuration: configuration).run())
        }

        #expect(covered.findings.map(\.code) == [.networkReachable, .networkIMDSProxied])
        #expect(covered.findings.last?.severity == .warning)
        #expect(covered.findings.last?.fix == "Add 169.254.169.254 to the no-proxy list.")
        #expect(excluded.findings.map(\.code) == [.networkReachable])
    }
}
