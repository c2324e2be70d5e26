import MidkvSupport

/// Opens a TCP connection and closes it again, to show whether and how fast a port answers.
///
/// The connect is non-blocking with a deadline, so a firewall that drops packets costs the time
/// box and no more. Redirect and confinement follow ``ProbeRouting``.
public struct TCPProbe: Sendable {
    private let routing: ProbeRouting
    private let logger: Logger

    /// Creates a probe.
    public init(routing: ProbeRouting = ProbeRouting(), logger: Logger = .disabled) {
        self.routing = routing
        self.logger = logger
    }

    /// Connects to each of `addresses` in turn until one accepts, within one time box.
    ///
    /// - Parameters:
    ///   - host: The name the addresses belong to, for the result and the loopback guard's record.
    ///   - addresses: Numeric addresses, as a ``DNSProbe`` found them.
    ///   - port: The port.
    ///   - timeBox: The longest the whole attempt may take.
    /// - Returns: The first connection made; when none is, the first failure.
    public func probe(host: String, addresses: [String], port: Int, timeBox: Duration) async -> TCPProbeResult {
        let routing = self.routing
        let result = await ProbeThread.run(name: "midkv-tcp") {
            Self.connectFirst(host: host, addresses: addresses, port: port, routing: routing, timeBox: timeBox)
        }

        logger.debug(
            "tcp probe finished",
            ["net.host": host, "net.address": result.address, "net.port": String(result.port)]
        )
        return result
    }

    private static func connectFirst(
        host: String,
        addresses: [String],
        port: Int,
        routing: ProbeRouting,
        timeBox: Duration
    ) -> TCPProbeResult {
        let deadline = ProbeDeadline(timeBox)
        var firstFailure: TCPProbeResult?
        let candidates = routing.redirect.map { [$0.address] } ?? addresses
        for address in candidates {
            let (socket, facts) = ProbeConnector.connect(
                host: host,
                address: address,
                port: port,
                routing: routing,
                deadline: deadline
            )
            guard socket == nil else {
                socket?.close()
                return facts
            }
            firstFailure = firstFailure ?? facts
        }
        return firstFailure ?? TCPProbeResult(host: host, address: "", port: port, outcome: .failed)
    }
}
