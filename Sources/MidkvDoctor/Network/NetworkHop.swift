/// One destination a MID Server needs: the token host, a vault host, or the metadata service.
public struct NetworkHop: Sendable, Equatable, CustomStringConvertible {
    /// What the destination is for.
    public enum Role: String, Sendable, Equatable, CaseIterable {
        /// The Entra ID authority host that issues tokens (`login.microsoftonline.com`).
        case token
        /// A Key Vault host (`kv-contoso-disc.vault.azure.net`).
        case vault
        /// The instance metadata service that issues managed identity tokens (`169.254.169.254`).
        case imds
    }

    /// What the destination is for.
    public var role: Role
    /// The host name or address.
    public var host: String
    /// The port.
    public var port: Int

    /// Creates a hop.
    public init(role: Role, host: String, port: Int) {
        self.role = role
        self.host = host
        self.port = port
    }

    /// `kv-contoso-disc.vault.azure.net:443`.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// How a hop is reached: straight from this machine, or through the configured HTTP proxy.
public enum NetworkPath: Sendable, Equatable, CustomStringConvertible {
    /// A direct connection.
    case direct
    /// A `CONNECT` tunnel through the proxy at this host and port.
    case proxy(host: String, port: Int)

    /// `direct` or `proxy proxy.contoso.local:3128`.
    public var description: String {
        switch self {
        case .direct:
            "direct"
        case .proxy(let host, let port):
            "proxy \(host):\(port)"
        }
    }

    /// How a sentence says it: `directly` or `through the proxy proxy.contoso.local:3128`.
    var phrase: String {
        switch self {
        case .direct: "directly"
        case .proxy(let host, let port): "through the proxy \(Endpoint.text(host, port))"
        }
    }
}
