/// What asking an HTTP proxy for a tunnel showed.
public struct ProxyProbeResult: Sendable, Equatable {
    /// How the attempt ended.
    public enum Outcome: Sendable, Equatable {
        /// The proxy answered `CONNECT` with 2xx.
        case tunnelOpened
        /// The proxy answered with another status; see ``ProxyProbeResult/reply``.
        case refused
        /// The proxy's host name did not resolve; see ``ProxyProbeResult/dns``.
        case unresolved
        /// The TCP connection to the proxy failed; see ``ProxyProbeResult/connection``.
        case unreachable
        /// The proxy did not answer within the time box.
        case timedOut
        /// The proxy closed the connection without answering.
        case closed
        /// The proxy reset the connection without answering.
        case reset
        /// The proxy answered with something that is not an HTTP response (the first bytes).
        case malformed(String)
    }

    /// The proxy's host as configured.
    public var proxyHost: String
    /// The proxy's port.
    public var proxyPort: Int
    /// The host the tunnel was asked for.
    public var targetHost: String
    /// The port the tunnel was asked for.
    public var targetPort: Int
    /// How the attempt ended.
    public var outcome: Outcome
    /// The lookup of the proxy's name, when one was made.
    public var dns: DNSProbeResult?
    /// The TCP connection to the proxy, when one was tried.
    public var connection: TCPProbeResult?
    /// The proxy's answer, when one came.
    public var reply: ProxyReply?
    /// How long the whole attempt took.
    public var milliseconds: Int

    /// Creates a result.
    public init(
        proxyHost: String,
        proxyPort: Int,
        targetHost: String,
        targetPort: Int,
        outcome: Outcome,
        dns: DNSProbeResult? = nil,
        connection: TCPProbeResult? = nil,
        reply: ProxyReply? = nil,
        milliseconds: Int = 0
    ) {
        self.proxyHost = proxyHost
        self.proxyPort = proxyPort
        self.targetHost = targetHost
        self.targetPort = targetPort
        self.outcome = outcome
        self.dns = dns
        self.connection = connection
        self.reply = reply
        self.milliseconds = milliseconds
    }
}
