import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// One run of the doctor: the steps in order, and what each learned for the ones after it.
struct DoctorRun {
    let request: Doctor.Request
    let dependencies: Doctor.Dependencies
    let collector: any FindingCollector
    let logger: Logger

    private(set) var findings: [Finding] = []
    var facts = DoctorFacts()

    var config = ConfigCheckResult()
    var parsed: [CredentialCheck.Parsed] = []
    /// Hosts the network check could not reach on the path in use, with the reason.
    var unreachable: [String: String] = [:]
    /// Why sign-in did not succeed, when it did not.
    var identityFailure: String?
    /// The code of the sign-in error, when sign-in ran and failed.
    var identityFailureCode: ErrorCode?
    /// The claims of the token obtained, when one was.
    var claims: AccessTokenClaims?
    /// Vault hosts whose challenge step failed, with the reason.
    var vaultFailures: [String: String] = [:]
    var transport: (any HTTPTransport)?
    var ownedTransport: CurlHTTPClient?
    var resolver: CredentialResolver?

    init(
        request: Doctor.Request,
        dependencies: Doctor.Dependencies,
        collector: any FindingCollector,
        logger: Logger
    ) {
        self.request = request
        self.dependencies = dependencies
        self.collector = collector
        self.logger = logger
        facts.offline = request.offline
        facts.configFile = request.configPath
    }

    mutating func perform() async {
        let logs = await scanLogs()
        await checkConfiguration(runtime: logs?.runtime)
        checkCredentialIDs()
        reportLogs(logs)

        if let reason = onlineBlocker {
            skipOnlineChecks(because: reason)
            return
        }
        await checkNetwork()
        await checkIdentity()
        await checkVaults()
        await checkCredentials()
        resolver?.shutdown()
        ownedTransport?.shutdown()
    }

    /// Hands `new` to the collector and keeps it.
    mutating func emit(_ new: [Finding]) {
        for finding in new {
            collector.collect(finding)
            findings.append(finding)
        }
    }

    mutating func emit(_ finding: Finding) {
        emit([finding])
    }

    // MARK: - Offline steps

    private mutating func checkConfiguration(runtime: MIDRuntimeFacts?) async {
        let check = ConfigCheck(dependencies: dependencies.config, logger: logger)
        let request = self.request
        config = await Blocking.run {
            check.run(
                configPath: request.configPath,
                flags: request.flags,
                environment: request.environment,
                runtime: runtime
            )
        }
        facts.signIn = config.plan?.summary
        facts.lastMIDStart = runtime?.lastStart?.formatted(.iso8601)
        emit(config.findings)
    }

    private mutating func checkCredentialIDs() {
        parsed = CredentialCheck.parse(request.credentials, settings: config.settings, configFile: config.configFile)
        emit(parsed.map(\.finding))
    }

    private func scanLogs() async -> LogEvidence? {
        guard !request.logFiles.isEmpty, let source = dependencies.logs else {
            return nil
        }
        let files = request.logFiles
        return await Blocking.run { source.scan(files) }
    }

    private mutating func reportLogs(_ logs: LogEvidence?) {
        guard !request.logFiles.isEmpty else {
            return
        }
        guard let logs else {
            emit(.skipped("logs", "agent log scan", because: "no log scanner is available in this build"))
            return
        }
        emit(logs.findings)
    }

    // MARK: - Gating

    /// Why no online step can run, if none can.
    private var onlineBlocker: String? {
        if request.offline {
            return "--offline was given"
        }
        if let error = config.settingsError {
            return "the settings could not be resolved (\(error.code))"
        }
        let codes = Self.codes(config.blockingErrors)
        guard codes.isEmpty else {
            return "config.xml has errors (\(codes)); online checks would fail for the same reason"
        }
        return nil
    }

    private mutating func skipOnlineChecks(because reason: String) {
        let steps = [
            ("network", "network check"), ("identity", "sign-in"), ("vault", "vault challenge"),
            ("credential", "credential resolution"),
        ]
        emit(steps.map { check, what in .skipped(check, what, because: reason) })
    }

    /// The distinct codes of `findings`, comma-separated.
    static func codes(_ findings: [Finding]) -> String {
        var seen: Set<ErrorCode> = []
        return findings.map(\.code).filter { seen.insert($0).inserted }.map(\.rawValue).joined(separator: ", ")
    }
}

/// Runs blocking work (file reads, `/proc`, log scans) on a thread of its own, off Swift's
/// cooperative pool.
enum Blocking {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: work())
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
