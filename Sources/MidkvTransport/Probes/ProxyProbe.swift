import Glibc
import MidkvSupport

/// Asks an HTTP proxy for a `CONNECT` tunnel and reports its answer.
///
/// The request is written by hand, so the status line, the reason and the authentication schemes
/// the proxy offers (`407` with `Proxy-Authenticate: Negotiate`) all reach the result. Credentials
/// go out as `Basic` and never appear in results or logs. The proxy's own address is never
/// redirected; confinement to loopback still applies to it.
public struct ProxyProbe: Sendable {
    private let resolver: any NameResolver
    private let routing: ProbeRouting
    private let logger: Logger

    /// Creates a probe.
    ///
    /// - Parameters:
    ///   - resolver: Resolves the proxy's name; the system's unless given.
    ///   - routing: Confinement (its redirect does not apply to proxies).
    ///   - logger: Receives one debug entry per attempt; never credentials.
    public init(
        resolver: any NameResolver = SystemNameResolver(),
        routing: ProbeRouting = ProbeRouting(),
        logger: Logger = .disabled
    ) {
        self.resolver = resolver
        self.routing = routing.withoutRedirect
        self.logger = logger
    }

    /// Resolves `proxy`'s host, connects to it and asks for a tunnel to `targetHost`:`targetPort`.
    public func probe(
        proxy: TransportConfiguration.Proxy,
        targetHost: String,
        targetPort: Int,
        timeBox: Duration
    ) async -> ProxyProbeResult {
        let started = ContinuousClock.now
        let dns = await DNSProbe(resolver: resolver, routing: routing).probe(proxy.host, timeBox: timeBox)
        guard let address = dns.addresses.first else {
            var result = Self.failure(proxy.host, proxy.port, targetHost, targetPort, .unresolved)
            result.dns = dns
            result.milliseconds = ProbeClock.milliseconds(since: started)
            return result
        }

        let route = ProxyRoute(
            host: proxy.host,
            address: address,
            port: proxy.port,
            username: proxy.username,
            password: proxy.password
        )
        var result = await probe(route: route, targetHost: targetHost, targetPort: targetPort, timeBox: timeBox)
        result.dns = dns
        result.milliseconds = ProbeClock.milliseconds(since: started)
        return result
    }

    /// Connects to a proxy whose address is known and asks for a tunnel to `targetHost`:`targetPort`.
    public func probe(
        route: ProxyRoute,
        targetHost: String,
        targetPort: Int,
        timeBox: Duration
    ) async
        -> ProxyProbeResult
    {
        let routing = self.routing
        let result = await ProbeThread.run(name: "midkv-proxy") {
            let attempt = Self.openTunnel(
                route: route,
                targetHost: targetHost,
                targetPort: targetPort,
                routing: routing,
                deadline: ProbeDeadline(timeBox)
            )
            attempt.socket?.close()
            return attempt.result
        }

        logger.debug(
            "proxy probe finished",
            ["proxy.host": route.host, "proxy.status": result.reply.map { String($0.status) } ?? "-"]
        )
        return result
    }

    /// Connects to the proxy and asks for a tunnel; the socket is returned open when the proxy
    /// answered 2xx.
    static func openTunnel(
        route: ProxyRoute,
        targetHost: String,
        targetPort: Int,
        routing: ProbeRouting,
        deadline: ProbeDeadline
    ) -> (socket: ProbeSocket?, result: ProxyProbeResult) {
        let started = ContinuousClock.now
        var result = failure(route.host, route.port, targetHost, targetPort, .unreachable)
        let (socket, connection) = ProbeConnector.connect(
            host: route.host,
            address: route.address,
            port: route.port,
            routing: routing.withoutRedirect,
            deadline: deadline
        )
        result.connection = connection
        guard let socket else {
            return (nil, result)
        }

        result.outcome = exchange(on: socket, route: route, targetHost, targetPort, deadline: deadline, into: &result)
        result.milliseconds = ProbeClock.milliseconds(since: started)
        return (result.outcome == .tunnelOpened ? socket : nil, result)
    }

    private static func exchange(
        on socket: ProbeSocket,
        route: ProxyRoute,
        _ targetHost: String,
        _ targetPort: Int,
        deadline: ProbeDeadline,
        into result: inout ProxyProbeResult
    ) -> ProxyProbeResult.Outcome {
        do {
            let reply = try ProxyTunnel.open(
                on: socket,
                to: targetHost,
                port: targetPort,
                route: route,
                deadline: deadline
            )
            result.reply = reply
            return reply.isTunnelOpen ? .tunnelOpened : .refused
        } catch {
            return outcome(of: error)
        }
    }

    private static func outcome(of failure: ProxyTunnelFailure) -> ProxyProbeResult.Outcome {
        switch failure {
        case .malformed(let text):
            .malformed(text)
        case .socket(.timedOut):
            .timedOut
        case .socket(.closed):
            .closed
        case .socket(.system(let code)):
            code == ECONNRESET || code == EPIPE ? .reset : .closed
        }
    }

    private static func failure(
        _ host: String,
        _ port: Int,
        _ targetHost: String,
        _ targetPort: Int,
        _ outcome: ProxyProbeResult.Outcome
    ) -> ProxyProbeResult {
        ProxyProbeResult(
            proxyHost: host,
            proxyPort: port,
            targetHost: targetHost,
            targetPort: targetPort,
            outcome: outcome
        )
    }
}
