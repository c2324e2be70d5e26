import MidkvCore
import MidkvSupport

/// Everything the agent needs to run: where it listens, where its settings come from, how long
/// it keeps credentials, its limits, and whom it serves.
public struct AgentConfiguration: Sendable {
    /// The socket path used when none is given.
    public static let defaultSocketPath = "/run/midkv/agent.sock"

    /// The Unix domain socket to listen on.
    public var socket: UnixSocket
    /// A loopback TCP address to listen on as well, only when asked for.
    public var loopback: LoopbackAddress?
    /// Where midkv's settings come from; read again on every reload.
    public var settings: SettingsSource
    /// How long credentials are kept and served when Key Vault cannot be reached.
    public var cache: CachePolicy
    /// Sizes, counts and time-outs that keep clients from tying the agent up.
    public var limits: Limits
    /// Which processes may use the agent over the Unix socket.
    public var peerPolicy: PeerPolicy
    /// How often config.xml is checked for changes; `nil` never checks (SIGHUP still reloads).
    public var configPollInterval: Duration?
    /// The clock that ages cached credentials.
    public var clock: any TimeSource
    /// The clock the resolver uses for deadlines, retries and token lifetimes.
    public var resolverTime: any TimeSource
    /// Receives the agent's log entries; never a secret value.
    public var logger: Logger

    /// Creates a configuration; every part but the settings has a default.
    public init(
        socket: UnixSocket = UnixSocket(path: defaultSocketPath),
        loopback: LoopbackAddress? = nil,
        settings: SettingsSource,
        cache: CachePolicy = CachePolicy(),
        limits: Limits = Limits(),
        peerPolicy: PeerPolicy = .standard(socketGroup: nil),
        configPollInterval: Duration? = .seconds(5),
        clock: any TimeSource = SystemTimeSource(),
        resolverTime: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) {
        self.socket = socket
        self.loopback = loopback
        self.settings = settings
        self.cache = cache
        self.limits = limits
        self.peerPolicy = peerPolicy
        self.configPollInterval = configPollInterval
        self.clock = clock
        self.resolverTime = resolverTime
        self.logger = logger
    }
}

extension AgentConfiguration {
    /// The inputs midkv's settings are resolved from, as `midkv resolve` takes them.
    public struct SettingsSource: Sendable {
        /// Setting flags from the command line, such as `--vault-name`.
        public var flags: [String: String]
        /// The process environment.
        public var environment: [String: String]
        /// The MID's config.xml, or `nil` to read settings from flags and environment alone.
        public var configFilePath: String?

        /// Creates a source.
        public init(flags: [String: String] = [:], environment: [String: String] = [:], configFilePath: String?) {
            self.flags = flags
            self.environment = environment
            self.configFilePath = configFilePath
        }

        /// Resolves the settings now.
        ///
        /// - Throws: ``MidkvError`` from the `config` family, as `Settings.resolve` does.
        public func resolve() throws -> Settings {
            try Settings.resolve(flags: flags, environment: environment, configFilePath: configFilePath)
        }
    }

    /// How long credentials stay in the cache.
    public struct CachePolicy: Sendable, Equatable {
        /// How long a credential read from Key Vault is served without asking again; zero
        /// asks Key Vault on every request that does not share a read already under way.
        public var ttl: Duration
        /// How long after ``ttl`` a credential may still be served while Key Vault cannot be
        /// reached; zero never serves an out-of-date credential.
        public var staleTTL: Duration

        /// Creates a policy: 5 minutes fresh and 15 more minutes stale by default.
        public init(ttl: Duration = .seconds(300), staleTTL: Duration = .seconds(900)) {
            self.ttl = ttl
            self.staleTTL = staleTTL
        }

        /// Whether read credentials need to be kept at all.
        var keepsCredentials: Bool {
            ttl > .zero || staleTTL > .zero
        }
    }

    /// Limits that keep a slow, hostile or broken client from tying up the agent.
    public struct Limits: Sendable, Equatable {
        /// The largest request body; larger ones get 413.
        public var maxBodyBytes: Int
        /// The largest request head; larger ones get 431.
        public var maxHeaderBytes: Int
        /// Connections open at once; more get 503 from the server.
        public var maxConnections: Int
        /// Resolve requests in progress at once; more get 503 `agent.busy`.
        public var maxPendingResolutions: Int
        /// How long a request may take to arrive, and a reply to be taken.
        public var readTimeout: Duration
        /// How long a kept-alive connection may wait for its next request.
        public var idleTimeout: Duration

        /// Creates limits suited to one MID Server on the same host.
        public init(
            maxBodyBytes: Int = 16 * 1024,
            maxHeaderBytes: Int = 8 * 1024,
            maxConnections: Int = 256,
            maxPendingResolutions: Int = 200,
            readTimeout: Duration = .seconds(10),
            idleTimeout: Duration = .seconds(30)
        ) {
            self.maxBodyBytes = maxBodyBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxConnections = maxConnections
            self.maxPendingResolutions = maxPendingResolutions
            self.readTimeout = readTimeout
            self.idleTimeout = idleTimeout
        }
    }
}
