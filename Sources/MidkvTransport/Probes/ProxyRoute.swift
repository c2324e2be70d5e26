import MidkvSupport

/// An HTTP proxy whose address is known, with the credentials to offer it.
public struct ProxyRoute: Sendable, Equatable {
    /// The proxy's host as configured, for evidence.
    public var host: String
    /// The numeric address to connect to.
    public var address: String
    /// The proxy's port.
    public var port: Int
    /// The user name for `Basic` proxy authentication, if any.
    public var username: String?
    /// The password for `Basic` proxy authentication; never shown.
    public var password: Secret?

    /// Creates a route.
    public init(host: String, address: String, port: Int, username: String? = nil, password: Secret? = nil) {
        self.host = host
        self.address = address
        self.port = port
        self.username = username
        self.password = password
    }
}
