import Foundation
import MidkvCore
import MidkvDoctor
import MidkvTestSupport
import MidkvTransport
import Testing

extension NetworkCheckTests {
    /// A check without a redirect: names go to `resolver`, connections to `port` on what it answers.
    private func scripted(
        _ resolver: StaticNameResolver,
        port: Int,
        vaults: [String],
        resolvConf: String
    ) -> NetworkCheck {
        NetworkGuard.confineToLoopback()
        let configuration = NetworkCheck.Configuration(
            tokenHost: Azure.login,
            vaultHosts: vaults,
            port: port,
            expectedRoots: [],
            loopbackOnly: true,
            timeBox: .seconds(10),
            resolverConfigurationPath: resolvConf
        )
        return NetworkCheck(configuration: configuration, resolver: resolver)
    }

    @Test("a vault name that does not exist is network.dns naming the resolver and the close sibling vault")
    func noSuchNameWithSibling() async throws {
        let directory = try TemporaryDirectory(prefix: "midkv-doctor-dns")
        defer { directory.remove() }
        let resolvConf = try directory.write("resolv.conf", "nameserver 10.0.0.53\n")
        let reserved = try ReservedPort()
        let resolver = StaticNameResolver([
            Azure.login: .addresses(["127.0.0.1"]), Azure.vault: .addresses(["127.0.0.1"]),
        ])
        let typo = "kv-contoso-dsic.vault.azure.net"

        let check = scripted(resolver, port: reserved.port, vaults: [typo, Azure.vault], resolvConf: resolvConf)
        let report = await check.run()

        let finding = try #require(report.finding(.networkDNS, host: typo))
        #expect(
            finding.message
                == "\(typo) does not resolve: the DNS servers (10.0.0.53) say the name does not exist; "
                + "did you mean \(Azure.vault)?"
        )
        #expect(finding.evidence("resolver") == "10.0.0.53")
        #expect(finding.evidence("resolver answer") == "Name or service not known")
        #expect(finding.evidence("similar configured vault") == Azure.vault)
        #expect(finding.fix?.hasPrefix("Use \(Azure.vault), which is configured elsewhere and resolves") == true)
        let hop = try #require(report.hop(typo))
        #expect(hop.step(.tcp)?.skipReason == "the name lookup failed")
        #expect(hop.step(.http)?.skipReason == "the name lookup failed")
    }

    @Test("a vault name with no close sibling points at the vault name and Private Link DNS")
    func noSuchNameAlone() async throws {
        let directory = try TemporaryDirectory(prefix: "midkv-doctor-dns")
        defer { directory.remove() }
        let resolvConf = try directory.write("resolv.conf", "nameserver 10.0.0.53\n")
        let resolver = StaticNameResolver([Azure.login: .addresses(["127.0.0.1"])])

        let report = await scripted(
            resolver,
            port: 9,
            vaults: ["kv-fabrikam-prod.vault.azure.net"],
            resolvConf: resolvConf
        ).run()

        let finding = try #require(report.finding(.networkDNS, host: "kv-fabrikam-prod.vault.azure.net"))
        #expect(finding.evidence("similar configured vault") == nil)
        #expect(finding.fix?.contains("privatelink.vaultcore.azure.net") == true)
    }

    @Test("no resolver answering is network.dns with its own message, naming the resolver")
    func resolverUnreachable() async throws {
        let directory = try TemporaryDirectory(prefix: "midkv-doctor-dns")
        defer { directory.remove() }
        let resolvConf = try directory.write("resolv.conf", "nameserver 10.0.0.53\nnameserver 10.0.1.53\n")
        let resolver = StaticNameResolver([
            Azure.login: StaticNameResolver.noResolverAnswered,
            Azure.vault: StaticNameResolver.noResolverAnswered,
        ])

        let report = await scripted(resolver, port: 9, vaults: [Azure.vault], resolvConf: resolvConf).run()

        let finding = try #require(report.finding(.networkDNS, host: Azure.login))
        #expect(
            finding.message == "No DNS server answered the lookup of \(Azure.login) (resolver: 10.0.0.53, 10.0.1.53)"
        )
        #expect(finding.evidence("resolver answer") == "Temporary failure in name resolution")
        #expect(finding.fix?.contains("port 53") == true)
        #expect(report.nameServers == ["10.0.0.53", "10.0.1.53"])
    }

    @Test("without a redirect every step, HTTP included, uses the scripted addresses and the configured port")
    func scriptedAddresses() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }

        let report = try await withAzureStandIn(try pki.identity()) { port in
            let resolver = StaticNameResolver([
                Azure.login: .addresses(["127.0.0.1"]), Azure.vault: .addresses(["127.0.0.1"]),
            ])
            var configuration = try redirected(to: port, pki: pki)
            configuration.connectTo = nil
            configuration.port = port
            return await NetworkCheck(configuration: configuration, resolver: resolver).run()
        }

        #expect(report.findings.map(\.code) == [.networkReachable, .networkReachable])
        #expect(report.hop(Azure.vault)?.facts.dns?.isRedirected == false)
    }
}
