import Foundation
import Glibc
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("DNS probe")
struct DNSProbeTests {
    @Test("a name the resolver says does not exist is noSuchName, with getaddrinfo's text")
    func noSuchName() async {
        let resolver = StaticNameResolver(["kv-contoso-disc.vault.azure.net": .addresses(["127.0.0.1"])])
        let probe = DNSProbe(resolver: resolver, routing: confined())

        let result = await probe.probe("kv-contoso-dsic.vault.azure.net", timeBox: .seconds(10))

        #expect(result.outcome == .noSuchName)
        #expect(result.failureText == String(cString: gai_strerror(EAI_NONAME)))
        #expect(result.isRedirected == false)
        #expect(resolver.lookups == ["kv-contoso-dsic.vault.azure.net"])
    }

    @Test("EAI_NODATA counts as no such name")
    func noData() async {
        let resolver = StaticNameResolver(["kv-contoso-disc.vault.azure.net": .failure(code: -5, text: "No address")])

        let result = await DNSProbe(resolver: resolver).probe("kv-contoso-disc.vault.azure.net", timeBox: .seconds(10))

        #expect(result.outcome == .noSuchName)
        #expect(result.failureText == "No address")
    }

    @Test("EAI_AGAIN means no resolver answered")
    func resolverUnreachable() async {
        let resolver = StaticNameResolver(["login.microsoftonline.com": StaticNameResolver.noResolverAnswered])

        let result = await DNSProbe(resolver: resolver).probe("login.microsoftonline.com", timeBox: .seconds(10))

        #expect(result.outcome == .resolverUnreachable)
        #expect(result.failureText == String(cString: gai_strerror(EAI_AGAIN)))
    }

    @Test("another getaddrinfo code is reported with its code and text")
    func otherFailure() async {
        let resolver = StaticNameResolver(["login.microsoftonline.com": .failure(code: EAI_FAIL, text: "boom")])

        let result = await DNSProbe(resolver: resolver).probe("login.microsoftonline.com", timeBox: .seconds(10))

        #expect(result.outcome == .other(code: EAI_FAIL, text: "boom"))
    }

    @Test("addresses come back in the resolver's order")
    func resolved() async {
        let answers: [String: NameResolution] = ["login.microsoftonline.com": .addresses(["127.0.0.2", "::1"])]
        let probe = DNSProbe(resolver: StaticNameResolver(answers))

        let result = await probe.probe("LOGIN.microsoftonline.com", timeBox: .seconds(10))

        #expect(result.outcome == .resolved(["127.0.0.2", "::1"]))
        #expect(result.addresses == ["127.0.0.2", "::1"])
    }

    @Test("a resolver slower than the time box gives timedOut")
    func timedOut() async {
        let resolver = StaticNameResolver(
            ["kv-contoso-disc.vault.azure.net": .addresses(["127.0.0.1"])],
            delay: .seconds(5)
        )

        let result = await DNSProbe(resolver: resolver).probe("kv-contoso-disc.vault.azure.net", timeBox: .seconds(1))

        #expect(result.outcome == .timedOut)
    }

    @Test("with a redirect the probe answers with the redirect address and asks no resolver")
    func redirected() async {
        let resolver = StaticNameResolver([:])
        let probe = DNSProbe(resolver: resolver, routing: redirect(to: 8443))

        let result = await probe.probe(AzureNames.vault, timeBox: .seconds(10))

        #expect(result.outcome == .resolved(["127.0.0.1"]))
        #expect(result.isRedirected)
        #expect(resolver.lookups.isEmpty)
    }

    @Test("confined to loopback, the system resolver is never asked for a name")
    func confinedSystemResolver() async {
        let probe = DNSProbe(routing: confined())

        let result = await probe.probe(AzureNames.login, timeBox: .seconds(10))

        #expect(result.outcome == .blocked)
    }

    @Test("an address literal resolves to itself without a lookup")
    func literal() async {
        let resolver = StaticNameResolver([:])

        let result = await DNSProbe(resolver: resolver, routing: confined()).probe("[::1]", timeBox: .seconds(10))

        #expect(result.outcome == .resolved(["::1"]))
        #expect(resolver.lookups.isEmpty)
    }

    @Test("the name servers from resolv.conf come with every result")
    func nameServers() async throws {
        let directory = try TemporaryDirectory(prefix: "midkv-dns")
        defer { directory.remove() }
        let path = try directory.write(
            "resolv.conf",
            "# corp\nsearch contoso.local\nnameserver 10.0.0.53\nnameserver 10.0.1.53\n"
        )
        let probe = DNSProbe(resolver: StaticNameResolver([:]), resolverConfigurationPath: path)

        let result = await probe.probe(AzureNames.vault, timeBox: .seconds(10))

        #expect(result.nameServers == ["10.0.0.53", "10.0.1.53"])
    }
}
