import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// Runs every check a support engineer would, in their order, and reports what it finds.
///
/// The order is: config.xml and the settings (offline), the Credential IDs (offline), the MID's
/// agent logs when given, the network path hop by hop, sign-in, each vault's challenge, then
/// each named credential resolved through ``CredentialResolver``. Each step calls the same code
/// the resolution flow runs (``Settings``, ``AuthenticationPlan``, the token sources,
/// ``KeyVaultClient``, ``CredentialResolver``) and observes it; nothing is re-implemented.
///
/// A step that cannot run because an earlier one failed is reported as a `doctor.skipped` note
/// naming the reason, never left out silently. Online steps need a configuration without errors:
/// while config.xml has errors, they would only fail for the same reason. `offline` runs only
/// the steps that need no network.
public struct Doctor: Sendable {
    /// What to check.
    public struct Request: Sendable {
        /// The MID's agent/config.xml, or `nil` for settings from flags and environment only.
        public var configPath: String?
        /// Setting flags, as ``Settings`` takes them (`--tenant-id`, `--connect-to`, …).
        public var flags: [String: String]
        /// The process environment.
        public var environment: [String: String]
        /// The credentials to check.
        public var credentials: [CredentialTarget]
        /// MID agent log files or folders to scan.
        public var logFiles: [String]
        /// Whether to run only the checks that need no network.
        public var offline: Bool

        /// Creates a request.
        public init(
            configPath: String? = nil,
            flags: [String: String] = [:],
            environment: [String: String] = [:],
            credentials: [CredentialTarget] = [],
            logFiles: [String] = [],
            offline: Bool = false
        ) {
            self.configPath = configPath
            self.flags = flags
            self.environment = environment
            self.credentials = credentials
            self.logFiles = logFiles
            self.offline = offline
        }
    }

    /// Where the doctor reads the world from; every default reads this machine.
    public struct Dependencies: Sendable {
        /// What the config check reads: files, modes, processes, clock.
        public var config: ConfigCheck.Dependencies
        /// Scans agent logs; `nil` reports log files as not scanned.
        public var logs: (any MIDLogSource)?
        /// Carries identity, vault and credential requests; `nil` builds a libcurl client from
        /// the settings (proxy, CA file, redirection).
        public var transport: (any HTTPTransport)?
        /// Looks host names up for the network check.
        public var nameResolver: any NameResolver
        /// Adjusts the network check's configuration after the doctor derives it from the settings.
        public var adjustNetwork: @Sendable (inout NetworkCheck.Configuration) -> Void
        /// The clock for deadlines and retries.
        public var time: any TimeSource
        /// Looks at the values of each resolved credential.
        public var linter: any CredentialValueLinter

        /// Creates dependencies.
        public init(
            config: ConfigCheck.Dependencies = ConfigCheck.Dependencies(),
            logs: (any MIDLogSource)? = ScannedLogSource(),
            transport: (any HTTPTransport)? = nil,
            nameResolver: any NameResolver = SystemNameResolver(),
            adjustNetwork: @escaping @Sendable (inout NetworkCheck.Configuration) -> Void = { _ in },
            time: any TimeSource = SystemTimeSource(),
            linter: any CredentialValueLinter = SecretValueLinter()
        ) {
            self.config = config
            self.logs = logs
            self.transport = transport
            self.nameResolver = nameResolver
            self.adjustNetwork = adjustNetwork
            self.time = time
            self.linter = linter
        }
    }

    /// What to check.
    public let request: Request
    /// Where the world is read from.
    public let dependencies: Dependencies

    private let logger: Logger

    /// Creates a doctor.
    public init(request: Request, dependencies: Dependencies = Dependencies(), logger: Logger = .disabled) {
        self.request = request
        self.dependencies = dependencies
        self.logger = logger
    }

    /// Runs every check, handing each finding to `collector` as it is made.
    ///
    /// - Returns: The report: all findings in order, the facts, the exit status.
    public func run(collector: any FindingCollector = FindingLog()) async -> DoctorReport {
        var run = DoctorRun(request: request, dependencies: dependencies, collector: collector, logger: logger)
        await run.perform()
        return DoctorReport(findings: run.findings, facts: run.facts)
    }
}
