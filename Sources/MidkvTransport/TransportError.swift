/// Why an HTTP exchange produced no response, with the low-level facts that explain it.
///
/// The transport reports what happened; the core library turns it into a ``network``-family
/// error with a cause and a fix. Nothing here holds a secret: ``detail`` is libcurl's error
/// text, which names hosts and ports only.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable, CaseIterable {
        /// The host name did not resolve (or no resolver answered).
        case dnsFailure = "dns-failure"
        /// The proxy's host name did not resolve.
        case proxyUnresolved = "proxy-unresolved"
        /// The TCP connection was refused.
        case connectionRefused = "connection-refused"
        /// The TCP connection did not complete in time.
        case connectTimeout = "connect-timeout"
        /// The connection was made but the answer did not arrive in time.
        case readTimeout = "read-timeout"
        /// The connection was reset (before, during or after the TLS handshake).
        case connectionReset = "connection-reset"
        /// The server closed the connection without answering.
        case emptyReply = "empty-reply"
        /// The certificate chain is not trusted.
        case tlsUntrusted = "tls-untrusted"
        /// The certificate does not name the host.
        case tlsHostnameMismatch = "tls-hostname-mismatch"
        /// The TLS handshake failed for another reason (for example plain HTTP on a TLS port).
        case tlsHandshake = "tls-handshake"
        /// The proxy refused the CONNECT or answered with an error status.
        case proxyFailure = "proxy-failure"
        /// The address is not loopback while the transport is confined to loopback.
        case nonLoopbackBlocked = "non-loopback-blocked"
        /// A plain `http://` URL to a host that is not loopback.
        case insecureURL = "insecure-url"
        /// The URL cannot be used.
        case invalidURL = "invalid-url"
        /// The caller cancelled the request.
        case cancelled
        /// Anything else.
        case other
    }

    /// The kind of failure.
    public var kind: Kind
    /// The host of the request URL.
    public var host: String
    /// The port of the request URL.
    public var port: Int
    /// libcurl's result code, when libcurl reported the failure.
    public var curlCode: Int?
    /// The operating system's `errno` for the failure, when there is one.
    public var osErrno: Int32?
    /// OpenSSL's certificate verification result (`X509_V_ERR_*`), when verification failed.
    public var tlsVerifyResult: Int?
    /// The status the proxy gave to CONNECT, when a proxy was used.
    public var proxyStatus: Int?
    /// The address that was being connected to, when known.
    public var remoteAddress: String?
    /// The proxy (`host:port`) when the connection that failed was the one to the proxy itself:
    /// the request never reached the proxy, let alone ``host``.
    public var proxyAddress: String?
    /// libcurl's description of the failure.
    public var detail: String

    /// Creates an error.
    public init(
        kind: Kind,
        host: String,
        port: Int,
        curlCode: Int? = nil,
        osErrno: Int32? = nil,
        tlsVerifyResult: Int? = nil,
        proxyStatus: Int? = nil,
        remoteAddress: String? = nil,
        proxyAddress: String? = nil,
        detail: String
    ) {
        self.kind = kind
        self.host = host
        self.port = port
        self.curlCode = curlCode
        self.osErrno = osErrno
        self.tlsVerifyResult = tlsVerifyResult
        self.proxyStatus = proxyStatus
        self.remoteAddress = remoteAddress
        self.proxyAddress = proxyAddress
        self.detail = detail
    }

    public var description: String {
        "\(kind.rawValue) \(host):\(port): \(detail)"
    }
}
