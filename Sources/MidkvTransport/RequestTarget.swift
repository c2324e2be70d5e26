import Foundation

/// The parts of a request URL the client checks before it opens any connection.
struct RequestTarget: Sendable {
    /// The URL as libcurl receives it.
    let url: String
    /// `http` or `https`.
    let scheme: String
    /// The host, without brackets for IPv6 literals.
    let host: String
    /// The port, explicit or the scheme's default.
    let port: Int
    /// The path, percent-encoded, without the query.
    let path: String

    /// Checks `url` and splits it into its parts.
    ///
    /// - Throws: ``TransportError`` of kind `invalidURL` for a URL libcurl must not see, or
    ///   `insecureURL` for plain `http://` to a host that is neither loopback nor link-local.
    init(url: URL) throws(TransportError) {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host(percentEncoded: false) ?? ""
        let port = url.port ?? (scheme == "http" ? 80 : 443)

        guard scheme == "http" || scheme == "https" else {
            throw Self.invalid(host, port, "only http and https URLs are supported")
        }

        guard !host.isEmpty else {
            throw Self.invalid(host, port, "the URL has no host")
        }

        guard url.user == nil, url.password == nil else {
            throw Self.invalid(host, port, "credentials inside the URL are not supported")
        }

        guard scheme == "https" || Self.allowsPlainHTTP(host) else {
            throw TransportError(
                kind: .insecureURL,
                host: host,
                port: port,
                detail: "plain http is allowed only for loopback and link-local addresses; use https"
            )
        }

        self.url = url.absoluteString
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = url.path(percentEncoded: true)
    }

    /// Whether `host` may be reached without TLS: a loopback name or address, or an IPv4
    /// link-local address such as the managed identity endpoint.
    static func allowsPlainHTTP(_ host: String) -> Bool {
        if host.lowercased() == "localhost" {
            return true
        }

        guard let address = IPAddress(host) else {
            return false
        }
        return address.isLoopback || address.isLinkLocalV4
    }

    private static func invalid(_ host: String, _ port: Int, _ detail: String) -> TransportError {
        TransportError(kind: .invalidURL, host: host, port: port, detail: detail)
    }
}
