import Foundation
import Glibc
import MidkvSupport

/// Looks a host name up and tells "no such name" from "no resolver answered".
///
/// Curl and most clients report both as "could not resolve host"; `getaddrinfo` keeps them apart
/// (`EAI_NONAME` against `EAI_AGAIN`), and the difference points at different fixes: a typo in a
/// name, or a DNS server the machine cannot reach. The result also carries the name servers from
/// resolv.conf as evidence. With a redirect, the probe answers with the redirect address and asks
/// no resolver at all.
public struct DNSProbe: Sendable {
    private let resolver: any NameResolver
    private let routing: ProbeRouting
    private let resolverConfigurationPath: String
    private let logger: Logger

    /// Creates a probe.
    ///
    /// - Parameters:
    ///   - resolver: The resolver to ask; the system's unless given.
    ///   - routing: Redirect and confinement.
    ///   - resolverConfigurationPath: The resolv.conf to report name servers from.
    ///   - logger: Receives one debug entry per lookup.
    public init(
        resolver: any NameResolver = SystemNameResolver(),
        routing: ProbeRouting = ProbeRouting(),
        resolverConfigurationPath: String = "/etc/resolv.conf",
        logger: Logger = .disabled
    ) {
        self.resolver = resolver
        self.routing = routing
        self.resolverConfigurationPath = resolverConfigurationPath
        self.logger = logger
    }

    /// Looks `host` up, giving up after `timeBox`.
    public func probe(_ host: String, timeBox: Duration) async -> DNSProbeResult {
        let started = ContinuousClock.now
        var result = await lookUp(host, timeBox: timeBox)
        result.nameServers = ResolverConfiguration.load(path: resolverConfigurationPath).nameServers
        result.milliseconds = ProbeClock.milliseconds(since: started)

        logger.debug("name lookup finished", ["dns.host": host, "dns.outcome": Self.label(result.outcome)])
        return result
    }

    private func lookUp(_ host: String, timeBox: Duration) async -> DNSProbeResult {
        if routing.connectTo != nil {
            return redirected(host)
        }

        if let literal = IPAddress(Self.unbracketed(host)) {
            return DNSProbeResult(host: host, outcome: .resolved([literal.description]))
        }

        guard !(routing.isConfined && resolver.asksNameServers) else {
            return DNSProbeResult(host: host, outcome: .blocked)
        }
        return await ask(host, timeBox: timeBox)
    }

    private func redirected(_ host: String) -> DNSProbeResult {
        guard let redirect = routing.redirect else {
            let text = "the connect-to address must be host:port, such as 127.0.0.1:8443"
            return DNSProbeResult(host: host, outcome: .other(code: 0, text: text), failureText: text)
        }
        return DNSProbeResult(host: host, outcome: .resolved([redirect.address]), isRedirected: true)
    }

    private func ask(_ host: String, timeBox: Duration) async -> DNSProbeResult {
        let resolver = self.resolver
        let resolution = await ProbeThread.run(
            name: "midkv-dns",
            timeBox: timeBox,
            fallback: { NameResolution?.none },
            { resolver.resolve(host) }
        )

        guard let resolution else {
            return DNSProbeResult(host: host, outcome: .timedOut)
        }
        return Self.result(for: host, resolution)
    }

    static func result(for host: String, _ resolution: NameResolution) -> DNSProbeResult {
        switch resolution {
        case .addresses(let addresses) where addresses.isEmpty:
            return DNSProbeResult(host: host, outcome: .noSuchName, failureText: "no addresses")
        case .addresses(let addresses):
            return DNSProbeResult(host: host, outcome: .resolved(addresses))
        case .failure(let code, let text):
            return DNSProbeResult(host: host, outcome: outcome(code: code, text: text), failureText: text)
        }
    }

    private static func outcome(code: Int32, text: String) -> DNSProbeResult.Outcome {
        switch code {
        case EAI_NONAME, ResolverCode.noData:
            .noSuchName
        case EAI_AGAIN:
            .resolverUnreachable
        default:
            .other(code: code, text: text)
        }
    }

    private static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    private static func label(_ outcome: DNSProbeResult.Outcome) -> String {
        switch outcome {
        case .resolved: "resolved"
        case .noSuchName: "no-such-name"
        case .resolverUnreachable: "resolver-unreachable"
        case .other: "other"
        case .timedOut: "timed-out"
        case .blocked: "blocked"
        }
    }
}

/// `getaddrinfo` codes that the Glibc module does not export.
enum ResolverCode {
    /// glibc's `EAI_NODATA`: the name exists but has no address.
    static let noData: Int32 = -5
}
