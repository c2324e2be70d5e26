import MidkvSupport

/// Where and how the transport connects.
///
/// Every outside address midkv talks to goes through one transport, so this one value decides
/// trust, proxying and redirection for all of them.
public struct TransportConfiguration: Sendable {
    /// An explicit HTTP proxy.
    public struct Proxy: Sendable, Equatable {
        /// The proxy host.
        public var host: String
        /// The proxy port.
        public var port: Int
        /// The user name for proxy authentication, if any.
        public var username: String?
        /// The password for proxy authentication, if any.
        public var password: Secret?

        /// Creates a proxy setting.
        public init(host: String, port: Int, username: String? = nil, password: Secret? = nil) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
        }
    }

    /// When set (`127.0.0.1:8443`), every connection to a host that is not loopback goes to
    /// this address instead of the one the host name resolves to, and no name is looked up.
    /// Host names, TLS server names and certificate checks stay those of the URL; URLs whose
    /// host is already `localhost` or a loopback address are left alone. Setting it also
    /// confines the transport to loopback addresses.
    public var connectTo: String?
    /// A PEM file of CA certificates to trust instead of the system store.
    public var caFile: String?
    /// The proxy for requests whose ``HTTPRequest/proxyUse`` is `configured`; `nil` for none.
    /// The transport never reads proxy environment variables itself: the caller resolves them.
    public var proxy: Proxy?
    /// Hosts, domains (`.example.com`) or addresses that bypass ``proxy``.
    public var noProxy: [String]
    /// How long a TCP connection may take, unless a request says otherwise.
    public var connectTimeout: Duration
    /// How long a whole exchange may take, unless a request says otherwise.
    public var requestTimeout: Duration
    /// Refuse to connect to any address outside 127.0.0.0/8 and ::1.
    public var loopbackOnly: Bool
    /// The `User-Agent` header value.
    public var userAgent: String

    /// Creates a configuration; the defaults suit real Azure.
    public init(
        connectTo: String? = nil,
        caFile: String? = nil,
        proxy: Proxy? = nil,
        noProxy: [String] = [],
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(30),
        loopbackOnly: Bool = false,
        userAgent: String = "midkv"
    ) {
        self.connectTo = connectTo
        self.caFile = caFile
        self.proxy = proxy
        self.noProxy = noProxy
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.loopbackOnly = loopbackOnly || connectTo != nil
        self.userAgent = userAgent
    }
}
