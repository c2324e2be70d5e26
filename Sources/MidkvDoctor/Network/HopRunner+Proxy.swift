import MidkvCore
import MidkvTransport

extension HopRunner {
    /// Looks the proxy up and connects to it once, for every hop that goes through it.
    func reachProxy() async -> ProxyAccess? {
        guard let proxy = configuration.proxy else {
            return nil
        }

        let routing = configuration.routing.withoutRedirect
        let lookup = DNSProbe(
            resolver: resolver,
            routing: routing,
            resolverConfigurationPath: configuration.resolverConfigurationPath
        )
        let dns = await lookup.probe(proxy.host, timeBox: configuration.timeBox)
        guard !dns.addresses.isEmpty else {
            return ProxyAccess(dns: dns)
        }

        let connection = await TCPProbe(routing: routing, logger: logger).probe(
            host: proxy.host,
            addresses: dns.addresses,
            port: proxy.port,
            timeBox: configuration.timeBox
        )
        guard connection.outcome == .connected else {
            return ProxyAccess(dns: dns, tcp: connection)
        }
        return access(proxy, dns: dns, connection: connection)
    }

    private func access(
        _ proxy: TransportConfiguration.Proxy,
        dns: DNSProbeResult,
        connection: TCPProbeResult
    ) -> ProxyAccess {
        let route = ProxyRoute(
            host: proxy.host,
            address: connection.address,
            port: proxy.port,
            username: proxy.username,
            password: proxy.password
        )

        // The client gets the address found here, so it never looks the proxy's name up again.
        var resolved = proxy
        resolved.host = connection.address
        let client = CurlHTTPClient(configuration: Self.transport(configuration, proxy: resolved), logger: logger)
        return ProxyAccess(dns: dns, tcp: connection, route: route, client: client)
    }

    /// The proxy's lookup and connection, a `CONNECT` tunnel, TLS and HTTP through it to `hop`.
    func proxied(_ hop: NetworkHop, access: ProxyAccess) async -> HopReport {
        var recorder = HopRecorder(
            hop: hop,
            path: proxyPath,
            isInUse: true,
            plan: [.dns, .tcp, .proxy, .tls, .http]
        )

        guard let route = reach(access, into: &recorder), let http = access.http,
            await openTunnel(to: hop, route: route, into: &recorder)
        else {
            return recorder.report
        }

        let handshake = await tls.probe(
            serverName: hop.host,
            port: hop.port,
            through: route,
            timeBox: configuration.timeBox
        )
        guard recordHandshake(handshake, into: &recorder) else {
            return recorder.report
        }

        await exchange(hop, over: http, proxyUse: .configured, into: &recorder)
        return recorder.report
    }

    var proxyPath: NetworkPath {
        .proxy(host: configuration.proxy?.host ?? "", port: configuration.proxy?.port ?? 0)
    }

    /// Copies the proxy's lookup and connection into the hop; the route, or `nil` when the proxy
    /// could not be reached.
    func reach(_ access: ProxyAccess, into recorder: inout HopRecorder) -> ProxyRoute? {
        let reason = "the proxy could not be reached"
        recorder.facts.dns = access.dns
        guard let connection = access.tcp else {
            recorder.fail(.dns, milliseconds: access.dns.milliseconds, StepEvidence.dns(access.dns), skipping: reason)
            return nil
        }

        recorder.pass(.dns, milliseconds: access.dns.milliseconds, StepEvidence.dns(access.dns))
        recorder.facts.tcp = connection
        guard let route = access.route else {
            recorder.fail(.tcp, milliseconds: connection.milliseconds, StepEvidence.tcp(connection), skipping: reason)
            return nil
        }

        recorder.pass(.tcp, milliseconds: connection.milliseconds, StepEvidence.tcp(connection))
        return route
    }

    /// Asks the proxy for a tunnel to `hop`; whether it opened one.
    func openTunnel(to hop: NetworkHop, route: ProxyRoute, into recorder: inout HopRecorder) async -> Bool {
        let probe = ProxyProbe(resolver: resolver, routing: configuration.routing, logger: logger)
        let result = await probe.probe(
            route: route,
            targetHost: hop.host,
            targetPort: hop.port,
            timeBox: configuration.timeBox
        )
        recorder.facts.proxy = result
        guard result.outcome == .tunnelOpened else {
            let reason = "the proxy did not open a tunnel"
            recorder.fail(.proxy, milliseconds: result.milliseconds, StepEvidence.proxy(result), skipping: reason)
            return false
        }

        recorder.pass(.proxy, milliseconds: result.milliseconds, StepEvidence.proxy(result))
        return true
    }
}
