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

    /// Whether the host is `localhost` or a loopback address: reached directly, never
    /// redirected, resolved without asking any name server.
    var isLoopback: Bool {
        Self.isLoopbackHost(host)
    }

    /// Whether `host` is `localhost` or a loopback address literal.
    static func isLoopbackHost(_ host: String) -> Bool {
        host.lowercased() == "localhost" || IPAddress(host)?.isLoopback == true
    }

    /// Checks that a transport confined to loopback will not look `target` up in DNS: the
    /// name it resolves (the proxy, else the URL's host unless redirected) must be loopback.
    ///
    /// - Throws: ``TransportError`` of kind `nonLoopbackBlocked`, recorded by ``NetworkGuard``.
    func checkNameLookup(request: HTTPRequest, configuration: TransportConfiguration) throws(TransportError) {
        guard configuration.loopbackOnly || NetworkGuard.isConfined else {
            return
        }

        let proxy = request.proxyUse == .configured ? configuration.proxy : nil
        let looked = proxy?.host ?? (configuration.connectTo == nil || isLoopback ? host : nil)
        guard let looked, !Self.isLoopbackHost(looked), IPAddress(looked) == nil else {
            return
        }

        NetworkGuard.record(NetworkGuard.BlockedAttempt(host: looked, address: "(name lookup)", time: Date()))
        throw TransportError(
            kind: .nonLoopbackBlocked,
            host: host,
            port: port,
            detail: "looking up \(looked) was refused: this process is confined to loopback addresses"
        )
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
