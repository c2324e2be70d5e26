import MidkvCore
import MidkvSupport
import MidkvTransport

/// Runs the steps of each hop with the probes, recording facts and step outcomes.
final class HopRunner: Sendable {
    let configuration: NetworkCheck.Configuration
    let resolver: any NameResolver
    let logger: Logger
    let dns: DNSProbe
    let tcp: TCPProbe
    let tls: TLSProbe

    init(configuration: NetworkCheck.Configuration, resolver: any NameResolver, logger: Logger) {
        self.configuration = configuration
        self.resolver = resolver
        self.logger = logger
        let routing = configuration.routing
        dns = DNSProbe(
            resolver: resolver,
            routing: routing,
            resolverConfigurationPath: configuration.resolverConfigurationPath,
            logger: logger
        )
        tcp = TCPProbe(routing: routing, logger: logger)
        tls = TLSProbe(routing: routing, trust: configuration.trust, logger: logger)
    }

    /// The transport settings for the HTTP step: direct to `address` (the one the TCP step
    /// connected to, so the client never looks the name up itself), or through `proxy`.
    static func transport(
        _ configuration: NetworkCheck.Configuration,
        address: String? = nil,
        proxy: TransportConfiguration.Proxy? = nil
    ) -> TransportConfiguration {
        var transport = TransportConfiguration(
            connectTo: address,
            caFile: configuration.caFile,
            proxy: proxy,
            connectTimeout: configuration.timeBox,
            requestTimeout: configuration.timeBox,
            userAgent: "midkv-doctor"
        )

        // Pinning the address is not a redirect to an emulator: confinement stays as configured.
        transport.loopbackOnly = configuration.routing.loopbackOnly
        return transport
    }

    // MARK: - Direct

    /// DNS, TCP, TLS and HTTP straight to `hop`.
    func direct(_ hop: NetworkHop) async -> HopReport {
        var recorder = HopRecorder(
            hop: hop,
            path: .direct,
            isInUse: !configuration.proxies(hop.host),
            plan: [.dns, .tcp, .tls, .http]
        )

        guard let addresses = await lookUp(hop.host, into: &recorder),
            let address = await connect(hop, addresses: addresses, timeBox: configuration.timeBox, into: &recorder)
        else {
            return recorder.report
        }

        let handshake = await tls.probe(
            serverName: hop.host,
            address: address,
            port: hop.port,
            timeBox: configuration.timeBox
        )
        guard recordHandshake(handshake, into: &recorder) else {
            return recorder.report
        }

        let client = pinnedClient(recorder.facts.tcp)
        defer { client.shutdown() }
        await exchange(hop, over: HTTPProbe(transport: client), proxyUse: .never, into: &recorder)
        return recorder.report
    }

    /// A direct HTTP client that connects where the TCP step did, whatever the URL's host.
    func pinnedClient(_ connection: TCPProbeResult?) -> CurlHTTPClient {
        let address = connection.map { Endpoint.text($0.address, $0.port) }
        return CurlHTTPClient(configuration: Self.transport(configuration, address: address), logger: logger)
    }

    /// Looks `host` up; the addresses, or `nil` after recording the failure.
    func lookUp(_ host: String, into recorder: inout HopRecorder) async -> [String]? {
        let result = await dns.probe(host, timeBox: configuration.timeBox)
        recorder.facts.dns = result
        guard !result.addresses.isEmpty else {
            recorder.fail(
                .dns,
                milliseconds: result.milliseconds,
                StepEvidence.dns(result),
                skipping: "the name lookup failed"
            )
            return nil
        }

        recorder.pass(.dns, milliseconds: result.milliseconds, StepEvidence.dns(result))
        return result.addresses
    }

    /// Connects to the first address that accepts; the address, or `nil` after recording the failure.
    func connect(
        _ hop: NetworkHop,
        addresses: [String],
        timeBox: Duration,
        into recorder: inout HopRecorder
    ) async -> String? {
        let result = await tcp.probe(host: hop.host, addresses: addresses, port: hop.port, timeBox: timeBox)
        recorder.facts.tcp = result
        guard result.outcome == .connected else {
            recorder.fail(
                .tcp,
                milliseconds: result.milliseconds,
                StepEvidence.tcp(result),
                skipping: "the TCP connection failed"
            )
            return nil
        }

        recorder.pass(.tcp, milliseconds: result.milliseconds, StepEvidence.tcp(result))
        return result.address
    }
}
