import MidkvTransport

/// The raw probe results behind a hop's steps, for callers that render more than the findings.
public struct HopFacts: Sendable {
    /// The name lookup (of the host when direct, of the proxy otherwise).
    public var dns: DNSProbeResult?
    /// The TCP connection (to the host when direct, to the proxy otherwise).
    public var tcp: TCPProbeResult?
    /// The proxy's answer to `CONNECT`.
    public var proxy: ProxyProbeResult?
    /// The TLS handshake.
    public var tls: TLSProbeResult?
    /// The verdict on the certificate chain.
    public var verdict: ChainVerdict?
    /// The HTTP exchange.
    public var http: HTTPProbeResult?
    /// Key Vault's challenge, for vault hops.
    public var challenge: BearerChallenge?
    /// The IMDS presence check, for the metadata hop.
    public var imds: IMDSProbeResult?
    /// Whether the HTTP exchange was reset once and then succeeded on a second try.
    public var recoveredFromReset: Bool

    /// Creates empty facts.
    public init() {
        recoveredFromReset = false
    }
}
