import MidkvCore
import MidkvSupport
import MidkvTransport

/// Checks a MID Server's network path to Azure hop by hop, and explains each failure.
///
/// Each hop (the token host, every vault host, and the metadata service when managed identity
/// applies) runs DNS, TCP, TLS and HTTP in that order, directly and, when a proxy is configured
/// for it, through the proxy. A hop stops at its first failure and marks the later steps skipped
/// with the reason. The metadata service is never checked through the proxy unless it cannot be
/// reached directly, to tell whether only the proxy answers for it.
///
/// Every probe is time-boxed; nothing waits on a Swift concurrency thread. With
/// ``Configuration/connectTo`` set, every direct connection goes to that loopback address while
/// host names stay real, and no name server is asked.
public struct NetworkCheck: Sendable {
    /// The `check` name findings carry.
    public static let checkName = "network"

    private let configuration: Configuration
    private let resolver: any NameResolver
    private let logger: Logger

    /// Creates a check.
    ///
    /// - Parameters:
    ///   - configuration: What to check.
    ///   - resolver: The name resolver; the system's unless given.
    ///   - logger: Receives debug entries from the probes; never credentials.
    public init(
        configuration: Configuration,
        resolver: any NameResolver = SystemNameResolver(),
        logger: Logger = .disabled
    ) {
        self.configuration = configuration
        self.resolver = resolver
        self.logger = logger
    }

    /// Runs every hop and returns the report with its findings.
    public func run() async -> NetworkReport {
        let runner = HopRunner(configuration: configuration, resolver: resolver, logger: logger)
        let access = await runner.reachProxy()
        defer { access?.client?.shutdown() }

        var reports = await httpsHops(runner, access: access)
        if configuration.checksIMDS {
            reports += await imdsHops(runner, access: access)
        }

        let nameServers = ResolverConfiguration.load(path: configuration.resolverConfigurationPath).nameServers
        let explainer = NetworkFindings(configuration: configuration, nameServers: nameServers)
        let byHop = explainer.findingsByHop(for: reports)
        let order = reports.indices.filter { reports[$0].isInUse } + reports.indices.filter { !reports[$0].isInUse }
        return NetworkReport(
            hops: reports,
            findings: NetworkFindings.unique(order.flatMap { byHop[$0] }),
            nameServers: nameServers,
            hopFindings: byHop
        )
    }

    private func httpsHops(_ runner: HopRunner, access: ProxyAccess?) async -> [HopReport] {
        var reports: [HopReport] = []
        for hop in configuration.httpsHops {
            reports.append(await runner.direct(hop))
            if let access, configuration.proxies(hop.host) {
                reports.append(await runner.proxied(hop, access: access))
            }
        }
        return reports
    }

    private func imdsHops(_ runner: HopRunner, access: ProxyAccess?) async -> [HopReport] {
        let direct = await runner.imdsDirect()
        guard !direct.passed, let access, configuration.proxies(configuration.imdsAddress) else {
            return [direct]
        }
        return [direct, await runner.imdsProxied(access: access)]
    }
}
