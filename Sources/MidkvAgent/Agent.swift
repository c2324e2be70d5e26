import Foundation
import MidkvCore
import MidkvHTTPServer
import MidkvSupport
import Synchronization

/// The midkv agent: a long-running local service that resolves the MID Server's credential
/// requests from Key Vault, over HTTP on a Unix domain socket.
///
/// One ``CredentialResolver`` serves every request, so tokens, vault challenges and
/// connections are reused; credentials are cached (see ``AgentConfiguration/CachePolicy``),
/// and concurrent requests for one credential share one Key Vault read. ``reload(trigger:)``
/// (on SIGHUP, or when config.xml changes) rebuilds the resolver when midkv's settings
/// changed, and keeps the old one when the new settings cannot be used.
///
/// Endpoints: `POST /v1/resolve`, `GET /v1/health`, `GET /metrics`.
///
/// ```swift
/// let agent = try Agent(configuration: configuration)
/// try agent.start()
/// defer { agent.stop() }
/// ```
public final class Agent: Sendable {
    /// What triggered a reload, for the log.
    public enum ReloadTrigger: String, Sendable {
        /// SIGHUP, or a direct call.
        case signal
        /// The config.xml watcher saw the file change.
        case configFileChanged = "config-file-changed"
    }

    /// How a reload ended.
    public enum ReloadOutcome: Sendable {
        /// The settings are the same; the resolver and the cache were kept.
        case unchanged
        /// These settings changed (names only); a new resolver is in use and the cache was emptied.
        case applied(changed: [String])
        /// The new settings could not be used; the previous ones stay in force.
        case failed(MidkvError)
    }

    /// The configuration the agent runs with.
    public let configuration: AgentConfiguration

    let service: CredentialService
    let metrics = AgentMetrics()
    let pending = Atomic(0)
    let stopping = Atomic(false)
    let logger: Logger
    private let server: Mutex<HTTPServer?>
    private let watcher = Mutex<ConfigFileWatcher?>(nil)
    private let reloading = Mutex(())

    /// Resolves the settings and builds the resolver; nothing listens until ``start()``.
    ///
    /// - Throws: ``MidkvError`` from the `config` family when the settings cannot be read or
    ///   allow no authentication.
    public init(configuration: AgentConfiguration) throws {
        self.configuration = configuration
        self.logger = configuration.logger.relabeled("midkv.agent")

        let settings = try configuration.settings.resolve()
        let resolver = try CredentialResolver(
            settings: settings,
            time: configuration.resolverTime,
            logger: configuration.logger.relabeled("midkv.resolver")
        )
        let cache = CredentialCache(policy: configuration.cache, clock: configuration.clock)
        service = CredentialService(resolver: resolver, cache: cache, metrics: metrics)
        server = Mutex(nil)
        metrics.countReload(succeeded: true)
    }

    /// The port of the loopback TCP listener, once started (useful when port 0 was asked for).
    public var tcpPort: UInt16? {
        server.withLock { $0?.tcpPort }
    }

    /// The number of credentials in the cache, stale ones included.
    public var cachedCredentials: Int {
        service.cacheCount
    }

    /// The settings in force.
    public var settings: Settings {
        service.settings
    }

    /// Binds the socket (creating its folder when missing) and the loopback listener if one is
    /// configured, then starts watching config.xml.
    ///
    /// - Throws: ``MidkvError`` `agent.listen` naming the socket or address and the fix.
    public func start() throws {
        try SocketFolder.prepare(for: configuration.socket, logger: logger)
        let created = HTTPServer(configuration: serverConfiguration()) { [self] request in
            handle(request)
        }

        do {
            try created.start()
        } catch let error as HTTPServerError {
            throw Self.listenFailure(error)
        }
        server.withLock { $0 = created }
        startWatcher()
        logListening()
    }

    /// Stops accepting connections, lets requests under way finish (up to 30 seconds),
    /// removes the socket file and shuts the resolver down. Blocks until done; call it from a
    /// thread of your own, never from a request handler.
    public func stop() {
        let watching = watcher.withLock { watcher in
            defer { watcher = nil }
            return watcher
        }
        watching?.stop()
        stopping.store(true, ordering: .sequentiallyConsistent)
        server.withLock { $0 }?.stop()
        service.shutdown()
        logger.notice("agent stopped", ["agent.socket": configuration.socket.path])
    }

    /// Reads the settings again and, when midkv's own settings changed, starts using a new
    /// resolver and empties the cache. A failure keeps the settings in force.
    ///
    /// Safe to call from any thread; reloads run one at a time.
    @discardableResult
    public func reload(trigger: ReloadTrigger = .signal) -> ReloadOutcome {
        reloading.withLock { _ in
            let outcome = performReload()
            log(outcome, trigger: trigger)
            return outcome
        }
    }

    private func performReload() -> ReloadOutcome {
        let old = service.settings
        do {
            let settings = try configuration.settings.resolve()
            let changed = SettingsChanges.names(from: old, to: settings)
            guard !changed.isEmpty else {
                metrics.countReload(succeeded: true)
                return .unchanged
            }

            let resolver = try CredentialResolver(
                settings: settings,
                time: configuration.resolverTime,
                logger: configuration.logger.relabeled("midkv.resolver")
            )
            service.replace(with: resolver)
            metrics.countReload(succeeded: true)
            return .applied(changed: changed)
        } catch {
            metrics.countReload(succeeded: false)
            return .failed(error as? MidkvError ?? Self.unexpectedReloadFailure(error))
        }
    }

    private func startWatcher() {
        guard let interval = configuration.configPollInterval, let path = configuration.settings.configFilePath else {
            return
        }

        let created = ConfigFileWatcher(path: path, interval: interval) { [self] in
            reload(trigger: .configFileChanged)
        }
        watcher.withLock { $0 = created }
        created.start()
    }

    private func serverConfiguration() -> HTTPServer.Configuration {
        let socket = configuration.socket
        var endpoints: [HTTPServer.Configuration.Endpoint] = [
            .unix(path: socket.path, permissions: socket.permissions, owner: socket.owner, group: socket.group)
        ]
        if let loopback = configuration.loopback {
            endpoints.append(.tcp(host: loopback.host, port: loopback.port))
        }

        let limits = configuration.limits
        return HTTPServer.Configuration(
            endpoints: endpoints,
            limits: HTTPServer.Configuration.Limits(
                maxHeaderBytes: limits.maxHeaderBytes,
                maxBodyBytes: limits.maxBodyBytes,
                maxConnections: limits.maxConnections,
                readTimeout: limits.readTimeout,
                idleTimeout: limits.idleTimeout,
                handshakeTimeout: limits.readTimeout
            ),
            rejectionResponse: AgentRejection(limits: limits).response,
            logger: configuration.logger.relabeled("midkv.agent.server")
        )
    }

    /// Connections open right now.
    var activeConnections: Int {
        server.withLock { $0?.statistics.activeConnections ?? 0 }
    }
}
