import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension NetworkCheckTests {
    private func proxied(
        _ configuration: NetworkCheck.Configuration,
        through proxy: ConnectProxy,
        password: String? = nil
    ) -> NetworkCheck.Configuration {
        var configuration = configuration
        configuration.proxy = TransportConfiguration.Proxy(
            host: proxy.host,
            port: proxy.port,
            username: password == nil ? nil : "svc-mid",
            password: password.map(Secret.init)
        )
        return configuration
    }

    @Test("through a tunnelling proxy both hops pass on both paths; only the proxy path is ok, the direct one a note")
    func throughProxy() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }

        let (report, lines) = try await withAzureStandIn(try pki.identity()) { port in
            let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: port))
            defer { proxy.stop() }
            let report = await NetworkCheck(configuration: proxied(try redirected(to: port, pki: pki), through: proxy))
                .run()
            return (report, proxy.connectLines)
        }

        #expect(report.hops.count == 4)
        #expect(report.findings.count == 4)
        #expect(report.findings.allSatisfy { $0.code == .networkReachable })
        #expect(
            report.findings.map(\.severity).filter { $0 == .ok } == [.ok, .ok]
                && report.findings.allSatisfy { $0.severity == .ok || $0.evidence("path") == "direct" }
        )
        let vault = try #require(report.hops.first { $0.hop.host == Azure.vault && $0.path != .direct })
        #expect(vault.isInUse)
        #expect(vault.steps.map(\.step) == [.dns, .tcp, .proxy, .tls, .http])
        #expect(vault.facts.proxy?.reply?.statusLine == "HTTP/1.1 200 Connection established")
        #expect(report.hop(Azure.vault)?.isInUse == false)
        #expect(lines.contains("CONNECT \(Azure.vault):443 HTTP/1.1"))
        #expect(lines.contains("CONNECT \(Azure.login):443 HTTP/1.1"))
    }

    @Test("a proxy that forbids the tunnel is network.proxy with the CONNECT status; TLS and HTTP are skipped")
    func proxyForbids() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        defer { proxy.stop() }

        let report = try await withAzureStandIn(try pki.identity()) { port in
            let configuration = proxied(try redirected(to: port, pki: pki) { $0.tokenHost = nil }, through: proxy)
            return await NetworkCheck(configuration: configuration).run()
        }

        let finding = try #require(report.findings(.networkProxy).first)
        #expect(finding.severity == .error)
        #expect(
            finding.message == "The proxy 127.0.0.1:\(proxy.port) refuses tunnels to \(Azure.vault):443 (403 Forbidden)"
        )
        #expect(finding.evidence("proxy status") == "HTTP/1.1 403 Forbidden")
        let hop = try #require(report.hops.first { $0.path != .direct })
        #expect(hop.step(.tls)?.skipReason == "the proxy did not open a tunnel")
        #expect(hop.step(.http)?.skipReason == "the proxy did not open a tunnel")
        #expect(report.hop(Azure.vault)?.passed == true)
    }

    @Test("a 407 without credentials asks for the proxy user and password")
    func proxyWantsCredentials() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let proxy = try ConnectProxy(mode: .refuse(status: 407))
        defer { proxy.stop() }
        let reserved = try ReservedPort()

        let configuration = proxied(try redirected(to: reserved.port, pki: pki) { $0.tokenHost = nil }, through: proxy)
        let report = await NetworkCheck(configuration: configuration).run()

        let finding = try #require(report.findings(.networkProxy).first)
        #expect(finding.message.contains("requires authentication (407)"))
        #expect(finding.evidence("proxy authentication") == "Basic")
        #expect(finding.cause == "No proxy credentials are configured.")
        #expect(finding.fix?.hasPrefix("Set mid.proxy.username and mid.proxy.password") == true)
    }

    @Test("a 407 with credentials names the user, never the password, in findings or logs")
    func proxyRejectsCredentials() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let proxy = try ConnectProxy(mode: .refuse(status: 407))
        defer { proxy.stop() }
        let reserved = try ReservedPort()
        let logs = MemoryLogHandler()
        let logger = Logger(label: "test", handler: logs, minimumLevel: .trace)

        let configuration = proxied(
            try redirected(to: reserved.port, pki: pki) { $0.tokenHost = nil },
            through: proxy,
            password: "CANARY-proxy-secret"
        )
        let report = await NetworkCheck(configuration: configuration, logger: logger).run()

        let finding = try #require(report.findings(.networkProxy).first)
        #expect(finding.evidence("proxy user") == "svc-mid")
        #expect(finding.cause == "The proxy rejected the configured user svc-mid.")
        #expect(!report.findings.contains { $0.allText.contains("CANARY") })
        #expect(!"\(report)".contains("CANARY"))
        #expect(!logs.transcript.contains("CANARY"))
        #expect(proxy.connects.first?.headers["Proxy-Authorization"]?.hasPrefix("Basic ") == true)
    }

    @Test("a proxy nobody listens on is reported once, however many hops need it")
    func proxyDown() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reservedProxy = try ReservedPort()
        let reserved = try ReservedPort()

        var configuration = try redirected(to: reserved.port, pki: pki)
        configuration.proxy = TransportConfiguration.Proxy(host: "127.0.0.1", port: reservedProxy.port)
        let report = await NetworkCheck(configuration: configuration).run()

        let findings = report.findings(.networkProxy)
        #expect(findings.count == 1)
        #expect(
            findings.first?.message == "The proxy 127.0.0.1:\(reservedProxy.port) cannot be reached: connection refused"
        )
        let hop = try #require(report.hops.first { $0.path != .direct })
        #expect(hop.step(.tcp)?.status == .failed)
        #expect(hop.step(.proxy)?.skipReason == "the proxy could not be reached")
    }

    @Test("a proxy name that does not resolve is network.proxy naming the lookup's answer")
    func proxyUnresolved() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reserved = try ReservedPort()

        var configuration = try redirected(to: reserved.port, pki: pki) { $0.tokenHost = nil }
        configuration.proxy = TransportConfiguration.Proxy(host: "proxy.contoso.local", port: 3128)
        let report = await NetworkCheck(configuration: configuration, resolver: StaticNameResolver([:])).run()

        let finding = try #require(report.findings(.networkProxy).first)
        #expect(
            finding.message
                == "The proxy proxy.contoso.local:3128 cannot be reached: its name does not resolve (no such name)"
        )
    }

    @Test("a failing direct path is only a note when the MID goes through the proxy")
    func directPathNotInUse() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reserved = try ReservedPort()

        let (report, proxyPort) = try await withAzureStandIn(try pki.identity()) { port in
            let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: port))
            defer { proxy.stop() }
            let configuration = proxied(
                try redirected(to: reserved.port, pki: pki) { $0.tokenHost = nil },
                through: proxy
            )
            return (await NetworkCheck(configuration: configuration).run(), proxy.port)
        }

        let refused = try #require(report.finding(.networkRefused, host: Azure.vault))
        #expect(refused.severity == .note)
        #expect(
            refused.cause?.hasSuffix(
                "The MID Server does not take this path with the current proxy settings: it goes through the proxy "
                    + "127.0.0.1:\(proxyPort)."
            ) == true
        )
        #expect(report.findings(.networkReachable).count == 1)
    }

    @Test(
        "with the proxy down, hosts that answer directly are context notes, and each proxied hop's failure is the proxy"
    )
    func proxyDownDirectAnswers() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reservedProxy = try ReservedPort()

        let report = try await withAzureStandIn(try pki.identity()) { port in
            var configuration = try redirected(to: port, pki: pki)
            configuration.proxy = TransportConfiguration.Proxy(host: "127.0.0.1", port: reservedProxy.port)
            return await NetworkCheck(configuration: configuration).run()
        }

        #expect(report.findings.map(\.severity).sorted() == [.note, .note, .error])
        let login = try #require(report.finding(.networkReachable, host: Azure.login))
        #expect(login.message == "\(Azure.login):443 is reachable directly; the token service answered")
        #expect(
            login.cause
                == "The MID Server does not take this path with the current proxy settings: it goes through the proxy "
                + "127.0.0.1:\(reservedProxy.port)."
        )
        let proxied = report.hops.filter { $0.path != .direct }
        #expect(proxied.count == 2)
        #expect(proxied.map { report.failure(of: $0)?.code } == [.networkProxy, .networkProxy])
        #expect(report.hops.filter { $0.path == .direct }.map { report.failure(of: $0) } == [nil, nil])
    }

    @Test("hosts in the no-proxy list are checked directly only")
    func noProxyHost() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let proxy = try ConnectProxy(mode: .refuse(status: 403))
        defer { proxy.stop() }

        let report = try await withAzureStandIn(try pki.identity()) { port in
            var configuration = proxied(try redirected(to: port, pki: pki), through: proxy)
            configuration.noProxy = [".vault.azure.net"]
            return await NetworkCheck(configuration: configuration).run()
        }

        #expect(report.hops.filter { $0.hop.host == Azure.vault }.map(\.path) == [.direct])
        #expect(report.hop(Azure.vault)?.isInUse == true)
        #expect(report.hops.filter { $0.hop.host == Azure.login }.count == 2)
    }
}
