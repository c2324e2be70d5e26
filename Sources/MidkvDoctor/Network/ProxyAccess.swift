import MidkvTransport

/// The configured proxy as the check found it: looked up, connected to, and a client that uses it.
struct ProxyAccess: Sendable {
    /// The lookup of the proxy's host.
    var dns: DNSProbeResult
    /// The TCP connection to the proxy, when the lookup succeeded.
    var tcp: TCPProbeResult?
    /// The proxy with its address, when it could be reached.
    var route: ProxyRoute?
    /// An HTTP client that tunnels through the proxy, when it could be reached.
    var client: CurlHTTPClient?

    /// A probe sending through ``client``.
    var http: HTTPProbe? {
        client.map { HTTPProbe(transport: $0) }
    }
}
