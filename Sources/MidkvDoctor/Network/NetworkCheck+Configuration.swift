import MidkvTransport

extension NetworkCheck {
    /// What to check and how: plain values, resolved by the caller from the MID's settings.
    public struct Configuration: Sendable {
        /// The Entra ID authority host (`login.microsoftonline.com`, or a sovereign cloud's); `nil`
        /// when no token host applies (managed identity only).
        public var tokenHost: String?
        /// The Key Vault hosts (`kv-contoso-disc.vault.azure.net`), in the order to check them.
        public var vaultHosts: [String]
        /// Whether managed identity applies, so the metadata service must answer.
        public var checksIMDS: Bool
        /// The HTTPS port of the token and vault hosts.
        public var port: Int
        /// The metadata service address.
        public var imdsAddress: String
        /// The metadata service port.
        public var imdsPort: Int
        /// The HTTP proxy the MID uses, if any; its password is never shown.
        public var proxy: TransportConfiguration.Proxy?
        /// Hosts, domains (`.contoso.local`) or addresses that bypass the proxy.
        public var noProxy: [String]
        /// A PEM file of CA certificates to verify against instead of the system store.
        public var caFile: String?
        /// The roots the token and vault hosts' chains must end at; any other root means
        /// interception. Azure's public roots unless given; an emulator's own CA in redirect mode.
        public var expectedRoots: [ExpectedRoot]
        /// A loopback `host:port` every direct connection goes to instead (host names stay real).
        public var connectTo: String?
        /// Refuse every address outside 127.0.0.0/8 and ::1.
        public var loopbackOnly: Bool
        /// How long each step may take.
        public var timeBox: Duration
        /// How long the metadata service may take to accept a connection.
        public var imdsTimeBox: Duration
        /// The Key Vault API version of the challenge request.
        public var apiVersion: String
        /// The resolv.conf whose name servers the DNS findings name.
        public var resolverConfigurationPath: String

        /// Creates a configuration.
        public init(
            tokenHost: String? = "login.microsoftonline.com",
            vaultHosts: [String] = [],
            checksIMDS: Bool = false,
            port: Int = 443,
            imdsAddress: String = "169.254.169.254",
            imdsPort: Int = 80,
            proxy: TransportConfiguration.Proxy? = nil,
            noProxy: [String] = [],
            caFile: String? = nil,
            expectedRoots: [ExpectedRoot] = ExpectedRoot.azure,
            connectTo: String? = nil,
            loopbackOnly: Bool = false,
            timeBox: Duration = .seconds(5),
            imdsTimeBox: Duration = .seconds(1),
            apiVersion: String = "7.4",
            resolverConfigurationPath: String = "/etc/resolv.conf"
        ) {
            self.tokenHost = tokenHost
            self.vaultHosts = vaultHosts
            self.checksIMDS = checksIMDS
            self.port = port
            self.imdsAddress = imdsAddress
            self.imdsPort = imdsPort
            self.proxy = proxy
            self.noProxy = noProxy
            self.caFile = caFile
            self.expectedRoots = expectedRoots
            self.connectTo = connectTo
            self.loopbackOnly = loopbackOnly
            self.timeBox = timeBox
            self.imdsTimeBox = imdsTimeBox
            self.apiVersion = apiVersion
            self.resolverConfigurationPath = resolverConfigurationPath
        }

        /// The token host and the vault hosts, as hops.
        var httpsHops: [NetworkHop] {
            let token = tokenHost.map { [NetworkHop(role: .token, host: $0, port: port)] } ?? []
            return token + vaultHosts.map { NetworkHop(role: .vault, host: $0, port: port) }
        }

        /// The metadata service, as a hop.
        var imdsHop: NetworkHop {
            NetworkHop(role: .imds, host: imdsAddress, port: imdsPort)
        }

        /// Whether the MID sends traffic for `host` through the proxy.
        func proxies(_ host: String) -> Bool {
            proxy != nil && !NoProxyList(noProxy).matches(host)
        }

        /// Redirect and confinement for the probes.
        var routing: ProbeRouting {
            ProbeRouting(connectTo: connectTo, loopbackOnly: loopbackOnly)
        }

        /// What the TLS probe verifies against.
        var trust: TLSTrust {
            caFile.map(TLSTrust.caFile) ?? .systemStore
        }
    }
}
