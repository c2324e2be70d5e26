import MidkvSupport

/// Makes a TLS handshake that always completes, to see the certificate chain a server (or a
/// TLS-inspecting middlebox) presents and what OpenSSL thinks of it.
///
/// The probe connects directly or through an HTTP proxy (a hand-written `CONNECT`), sends the
/// host name as the TLS server name, and checks chain and host name against ``TLSTrust`` without
/// aborting the handshake: the chain is readable even when it is not trusted. Redirect and
/// confinement follow ``ProbeRouting``; the host name stays the real one.
public struct TLSProbe: Sendable {
    private let routing: ProbeRouting
    private let trust: TLSTrust
    private let logger: Logger

    /// Creates a probe.
    ///
    /// - Parameters:
    ///   - routing: Redirect and confinement.
    ///   - trust: What to verify the chain against.
    ///   - logger: Receives one debug entry per handshake.
    public init(routing: ProbeRouting = ProbeRouting(), trust: TLSTrust = .systemStore, logger: Logger = .disabled) {
        self.routing = routing
        self.trust = trust
        self.logger = logger
    }

    /// Connects to `address`:`port` (or the redirect address) and shakes hands as `serverName`.
    public func probe(serverName: String, address: String, port: Int, timeBox: Duration) async -> TLSProbeResult {
        let (routing, trust) = (self.routing, self.trust)
        let result = await ProbeThread.run(name: "midkv-tls") {
            let started = ContinuousClock.now
            let deadline = ProbeDeadline(timeBox)
            let (socket, connection) = ProbeConnector.connect(
                host: serverName,
                address: address,
                port: port,
                routing: routing,
                deadline: deadline
            )
            var result = TLSProbeResult(serverName: serverName, port: port, outcome: .connectFailed)
            result.connection = connection
            if let socket {
                Self.shakeHands(over: socket, trust: trust, deadline: deadline, into: &result)
            }
            result.milliseconds = ProbeClock.milliseconds(since: started)
            return result
        }

        log(result)
        return result
    }

    /// Asks the proxy at `route` for a tunnel to `serverName`:`port` and shakes hands through it.
    public func probe(
        serverName: String,
        port: Int,
        through route: ProxyRoute,
        timeBox: Duration
    ) async
        -> TLSProbeResult
    {
        let (routing, trust) = (self.routing, self.trust)
        let result = await ProbeThread.run(name: "midkv-tls") {
            let started = ContinuousClock.now
            let deadline = ProbeDeadline(timeBox)
            let tunnel = ProxyProbe.openTunnel(
                route: route,
                targetHost: serverName,
                targetPort: port,
                routing: routing,
                deadline: deadline
            )
            var result = TLSProbeResult(serverName: serverName, port: port, outcome: .connectFailed)
            result.connection = tunnel.result.connection
            result.proxy = tunnel.result
            if let socket = tunnel.socket {
                Self.shakeHands(over: socket, trust: trust, deadline: deadline, into: &result)
            } else if tunnel.result.outcome != .unreachable {
                result.outcome = .proxyFailed
            }
            result.milliseconds = ProbeClock.milliseconds(since: started)
            return result
        }

        log(result)
        return result
    }

    private static func shakeHands(
        over socket: ProbeSocket,
        trust: TLSTrust,
        deadline: ProbeDeadline,
        into result: inout TLSProbeResult
    ) {
        let started = ContinuousClock.now
        defer {
            result.handshakeMilliseconds = ProbeClock.milliseconds(since: started)
            socket.close()
        }

        do {
            let session = try TLSClientSession(serverName: result.serverName, trust: trust)
            try session.handshake(over: socket, deadline: deadline)
            record(session, into: &result)
            session.close(over: socket, deadline: deadline)
        } catch {
            result.outcome = error.outcome
            result.osError = error.osError
        }
    }

    private static func record(_ session: TLSClientSession, into result: inout TLSProbeResult) {
        result.outcome = .completed
        result.chain = session.presentedChain
        result.verifiedChain = session.verifiedChain
        result.verification = session.verification
        result.protocolVersion = session.protocolVersion
        result.cipher = session.cipher
    }

    private func log(_ result: TLSProbeResult) {
        logger.debug(
            "tls probe finished",
            [
                "tls.server_name": result.serverName,
                "tls.verify_result": result.verification.map { String($0.code) } ?? "-",
                "tls.protocol": result.protocolVersion ?? "-",
            ]
        )
    }
}
