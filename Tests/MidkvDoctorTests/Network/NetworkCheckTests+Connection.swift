import Foundation
import Glibc
import MidkvCore
import MidkvDoctor
import MidkvHTTPServer
import MidkvTestSupport
import MidkvTransport
import Testing

extension NetworkCheckTests {
    @Test("a reset during the vault's TLS handshake is network.reset, with the login host as context")
    func resetDuringHandshake() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        // The login hop makes three connections (TCP, TLS, HTTP); the vault's TCP probe is the fourth.
        let script = ConnectionScript { $0 >= 5 ? .resetDuringHandshake : .serve }

        let report = try await withAzureStandIn(try pki.identity(), script: script) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki)).run()
        }

        #expect(report.finding(.networkReachable, host: Azure.login)?.severity == .ok)
        let finding = try #require(report.finding(.networkReset, host: Azure.vault))
        #expect(finding.severity == .error)
        #expect(
            finding.message
                == "The connection to \(Azure.vault):443 was reset during the TLS handshake; "
                + "\(Azure.login) passed on the same path"
        )
        #expect(finding.evidence("errno") == SocketErrno(ECONNRESET).description)
        #expect(finding.evidence("passed on the same path") == Azure.login)
        #expect(finding.fix?.contains("*.vault.azure.net") == true)
        let vault = try #require(report.hop(Azure.vault))
        #expect(vault.step(.tcp)?.status == .passed)
        #expect(vault.step(.tls)?.status == .failed)
        #expect(vault.step(.http)?.skipReason == "the TLS handshake failed")
    }

    @Test("a reset right after accept is network.reset, at the TCP or the TLS step")
    func resetOnAccept() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let script = ConnectionScript { _ in .reset }

        let report = try await withAzureStandIn(try pki.identity(), script: script) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki) { $0.tokenHost = nil }).run()
        }

        #expect(report.findings.map(\.code) == [.networkReset])
        let failed = report.hop(Azure.vault)?.failedStep?.step
        #expect(failed == .tcp || failed == .tls)
    }

    @Test("one reset of the HTTP request followed by a success is a note, and the hop passes")
    func transientReset() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let script = ConnectionScript { $0 == 3 ? .reset : .serve }

        let report = try await withAzureStandIn(try pki.identity(), script: script) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki) { $0.tokenHost = nil }).run()
        }

        #expect(report.findings.map(\.code) == [.networkReset, .networkReachable])
        #expect(report.findings.first?.severity == .note)
        #expect(
            report.findings.first?.message
                == "The first HTTP request to \(Azure.vault):443 was reset; a second one succeeded"
        )
        #expect(report.hop(Azure.vault)?.passed == true)
    }

    @Test("resets of the HTTP request after a good handshake are network.reset after the handshake")
    func resetAfterHandshake() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let script = ConnectionScript { $0 >= 3 ? .reset : .serve }

        let report = try await withAzureStandIn(try pki.identity(), script: script) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki) { $0.tokenHost = nil }).run()
        }

        let finding = try #require(report.finding(.networkReset, host: Azure.vault))
        #expect(
            finding.message
                == "The connection to \(Azure.vault):443 was reset during the HTTP exchange, "
                + "after the TLS handshake had succeeded"
        )
        #expect(report.hop(Azure.vault)?.step(.tls)?.status == .passed)
    }

    @Test("a refused port is network.refused for each hop, with errno, and later steps skipped")
    func refused() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let reserved = try ReservedPort()

        let report = await NetworkCheck(configuration: try redirected(to: reserved.port, pki: pki)).run()

        #expect(report.findings.map(\.code) == [.networkRefused, .networkRefused])
        let finding = try #require(report.finding(.networkRefused, host: Azure.vault))
        #expect(finding.message == "\(Azure.vault):443 refused the connection (127.0.0.1:\(reserved.port))")
        #expect(finding.evidence("errno") == "ECONNREFUSED (111): Connection refused")
        #expect(finding.evidence("path") == "direct")
        let vault = try #require(report.hop(Azure.vault))
        #expect(vault.steps.map(\.step) == [.dns, .tcp, .tls, .http])
        #expect(vault.step(.tls)?.skipReason == "the TCP connection failed")
        #expect(vault.step(.http)?.skipReason == "the TCP connection failed")
    }

    @Test("a port that drops connection attempts is network.timeout at the time box")
    func timeout() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let blackhole = try BlackholeListener()

        let configuration = try redirected(to: blackhole.port, pki: pki) {
            $0.tokenHost = nil
            $0.timeBox = .seconds(1)
        }
        let report = await NetworkCheck(configuration: configuration).run()

        let finding = try #require(report.finding(.networkTimeout, host: Azure.vault))
        #expect(finding.message == "No answer from \(Azure.vault):443 within 1 s (127.0.0.1:\(blackhole.port))")
    }

    @Test("an outside address from the resolver is blocked by the loopback guard without connecting")
    func loopbackGuard() async throws {
        NetworkGuard.confineToLoopback()
        let resolver = StaticNameResolver([Azure.vault: .addresses(["192.0.2.44"])])
        let configuration = NetworkCheck.Configuration(
            tokenHost: nil,
            vaultHosts: [Azure.vault],
            checksIMDS: true,
            loopbackOnly: true,
            timeBox: .seconds(10)
        )

        let report = await NetworkCheck(configuration: configuration, resolver: resolver).run()

        #expect(report.findings.map(\.code) == [.networkNonLoopbackBlocked, .networkNonLoopbackBlocked])
        #expect(report.finding(.networkNonLoopbackBlocked, host: Azure.vault)?.message.contains("192.0.2.44") == true)
        #expect(report.hop(Azure.imds)?.facts.tcp?.outcome == .blocked)
        #expect(NetworkGuard.blockedAttempts.contains { $0.address == "192.0.2.44" })
        #expect(NetworkGuard.blockedAttempts.contains { $0.address == Azure.imds })
    }
}
