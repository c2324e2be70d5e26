/// How an HTTP proxy answered `CONNECT`.
public struct ProxyReply: Sendable, Equatable {
    /// The status line as received (`HTTP/1.1 407 Proxy Authentication Required`).
    public var statusLine: String
    /// The status code.
    public var status: Int
    /// The reason phrase.
    public var reason: String
    /// The schemes the proxy offers in `Proxy-Authenticate` (`Basic`, `Negotiate`, `NTLM`).
    public var authenticationSchemes: [String]
    /// The `Via` or `Server` header, which often names the proxy product.
    public var server: String?

    /// Creates a reply.
    public init(
        statusLine: String,
        status: Int,
        reason: String,
        authenticationSchemes: [String] = [],
        server: String? = nil
    ) {
        self.statusLine = statusLine
        self.status = status
        self.reason = reason
        self.authenticationSchemes = authenticationSchemes
        self.server = server
    }

    /// Whether the proxy opened the tunnel (any 2xx).
    public var isTunnelOpen: Bool {
        (200..<300).contains(status)
    }
}
