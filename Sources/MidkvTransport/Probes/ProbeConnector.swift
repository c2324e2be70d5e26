import Glibc

/// Opens the TCP connection every probe starts with, applying redirect and confinement.
enum ProbeConnector {
    /// Connects to `address`:`port` for `host` (or to the redirect address, when `redirect` is
    /// true and the routing has one), until `deadline`.
    ///
    /// - Returns: The socket when connected, and the facts of the attempt either way.
    static func connect(
        host: String,
        address: String,
        port: Int,
        routing: ProbeRouting,
        deadline: ProbeDeadline
    ) -> (socket: ProbeSocket?, facts: TCPProbeResult) {
        let started = ContinuousClock.now
        let target = routing.redirect ?? (address, port)
        var facts = TCPProbeResult(
            host: host,
            address: target.address,
            port: target.port,
            outcome: .connected,
            isRedirected: routing.redirect != nil
        )

        guard routing.permits(target.address, host: host) else {
            facts.outcome = .blocked
            return (nil, facts)
        }

        let attempt = ProbeSocket.connect(address: target.address, port: target.port, deadline: deadline)
        facts.milliseconds = ProbeClock.milliseconds(since: started)
        switch attempt {
        case .success(let socket):
            return (socket, facts)
        case .failure(let failure):
            (facts.outcome, facts.osError) = classify(failure)
            return (nil, facts)
        }
    }

    private static func classify(_ failure: SocketFailure) -> (TCPProbeResult.Outcome, SocketErrno?) {
        switch failure {
        case .timedOut:
            return (.timedOut, nil)
        case .closed:
            return (.reset, nil)
        case .system(let code):
            return (outcome(for: code), SocketErrno(code))
        }
    }

    private static func outcome(for code: Int32) -> TCPProbeResult.Outcome {
        switch code {
        case ECONNREFUSED:
            .refused
        case ETIMEDOUT:
            .timedOut
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN:
            .unreachable
        case ECONNRESET:
            .reset
        default:
            .failed
        }
    }
}
