/// What a TCP connection attempt showed.
public struct TCPProbeResult: Sendable, Equatable {
    /// How the attempt ended.
    public enum Outcome: Sendable, Equatable {
        /// The connection was established.
        case connected
        /// The peer refused (`ECONNREFUSED`): nothing listens, or a firewall rejects.
        case refused
        /// Nothing answered within the time box: a firewall drops the packets, or the host is down.
        case timedOut
        /// No route to the network or host (`ENETUNREACH`, `EHOSTUNREACH`).
        case unreachable
        /// The connection was reset while it was being made (`ECONNRESET`).
        case reset
        /// The address is outside loopback while probes are confined to it; nothing was sent.
        case blocked
        /// Another failure; see ``TCPProbeResult/osError``.
        case failed
    }

    /// The host the connection was for (a name, or the address itself).
    public var host: String
    /// The address connected to (the redirect address when redirected).
    public var address: String
    /// The port connected to.
    public var port: Int
    /// How the attempt ended.
    public var outcome: Outcome
    /// The operating system's error, when the attempt failed with one.
    public var osError: SocketErrno?
    /// Whether the address and port came from the redirect setting.
    public var isRedirected: Bool
    /// How long the attempt took.
    public var milliseconds: Int

    /// Creates a result.
    public init(
        host: String,
        address: String,
        port: Int,
        outcome: Outcome,
        osError: SocketErrno? = nil,
        isRedirected: Bool = false,
        milliseconds: Int = 0
    ) {
        self.host = host
        self.address = address
        self.port = port
        self.outcome = outcome
        self.osError = osError
        self.isRedirected = isRedirected
        self.milliseconds = milliseconds
    }
}
