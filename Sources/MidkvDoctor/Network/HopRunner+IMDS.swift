import MidkvCore
import MidkvTransport

extension HopRunner {
    private static let plainHTTP = "the metadata service speaks plain HTTP"

    /// TCP and the presence request straight to the metadata service, with its short time box.
    func imdsDirect() async -> HopReport {
        let hop = configuration.imdsHop
        var recorder = HopRecorder(hop: hop, path: .direct, isInUse: true, plan: [.dns, .tcp, .tls, .http])

        guard let addresses = await lookUp(hop.host, into: &recorder),
            await connect(hop, addresses: addresses, timeBox: configuration.imdsTimeBox, into: &recorder) != nil
        else {
            return recorder.report
        }

        recorder.skip(.tls, Self.plainHTTP)
        let client = pinnedClient(recorder.facts.tcp)
        defer { client.shutdown() }
        await presence(of: hop, over: HTTPProbe(transport: client), proxyUse: .never, into: &recorder)
        return recorder.report
    }

    /// The presence request through the proxy, to see whether only the proxy answers for IMDS.
    func imdsProxied(access: ProxyAccess) async -> HopReport {
        let hop = configuration.imdsHop
        var recorder = HopRecorder(hop: hop, path: proxyPath, isInUse: false, plan: [.dns, .tcp, .proxy, .tls, .http])

        guard let route = reach(access, into: &recorder), let http = access.http,
            await openTunnel(to: hop, route: route, into: &recorder)
        else {
            return recorder.report
        }

        recorder.skip(.tls, Self.plainHTTP)
        await presence(of: hop, over: http, proxyUse: .configured, into: &recorder)
        return recorder.report
    }

    private func presence(
        of hop: NetworkHop,
        over probe: HTTPProbe,
        proxyUse: HTTPRequest.ProxyUse,
        into recorder: inout HopRecorder
    ) async {
        let result = await probe.imdsPresence(
            address: hop.host,
            port: hop.port,
            proxyUse: proxyUse,
            connectTimeout: configuration.imdsTimeBox,
            timeBox: configuration.timeBox
        )
        recorder.facts.imds = result
        recorder.facts.http = result.exchange

        guard result.presence == .present else {
            recorder.fail(
                .http,
                milliseconds: result.exchange.milliseconds,
                StepEvidence.http(result.exchange),
                skipping: ""
            )
            return
        }
        recorder.pass(.http, milliseconds: result.exchange.milliseconds, StepEvidence.http(result.exchange))
    }
}
