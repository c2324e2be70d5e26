import Foundation
import MidkvCore
import MidkvSupport

/// Checks a MID Server's config.xml and the settings midkv resolves from it, offline.
///
/// The check reads the file the way the MID does (``MIDConfigFile``) and resolves ``Settings``
/// and the ``AuthenticationPlan`` exactly as the resolution flow does, then reports each fault as
/// a ``Finding`` with check name `config`: unreadable files, elements and parameter names the MID
/// ignores, needed parameters only in comments, duplicates, missing and placeholder values,
/// malformed IDs, a secret's ID in place of its value, invalid vault names, mixed clouds, a file
/// the running MID has not loaded, plain-text secrets others can read, and values midkv cannot
/// read because the MID encrypted them. Evidence names file, line and parameter, and shows only
/// the length and shape of a secret.
///
/// Everything the check looks at outside the file (file modes and times, the process table, the
/// clock) comes from ``Dependencies``, so tests need no MID.
public struct ConfigCheck: Sendable {
    /// The `check` name of the findings.
    public static let checkName = "config"

    /// Where the check reads the world from.
    public struct Dependencies: Sendable {
        /// Reads config.xml and the files settings name.
        public var fileReader: ConfigurationFileReader
        /// Reports config.xml's mode and modification time.
        public var files: FileInspector
        /// Lists running processes, to find the MID that reads the file.
        public var processes: any ProcessTable
        /// The current time.
        public var now: @Sendable () -> Date

        /// Creates dependencies; the defaults read this machine.
        public init(
            fileReader: ConfigurationFileReader = .system,
            files: FileInspector = .system,
            processes: any ProcessTable = ProcFileSystemTable(),
            now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.fileReader = fileReader
            self.files = files
            self.processes = processes
            self.now = now
        }
    }

    /// The dependencies in use.
    public var dependencies: Dependencies

    private let logger: Logger

    /// Creates a check.
    public init(dependencies: Dependencies = Dependencies(), logger: Logger = .disabled) {
        self.dependencies = dependencies
        self.logger = logger
    }

    /// Checks config.xml at `configPath` (if any) with the settings from `flags` and `environment`.
    ///
    /// - Parameters:
    ///   - configPath: The MID's agent/config.xml, or `nil` when settings come from flags and the
    ///     environment only.
    ///   - flags: Setting flags, as ``Settings/resolve(flags:environment:configFilePath:fileReader:logger:)``
    ///     takes them.
    ///   - environment: The process environment.
    ///   - runtime: What the MID's log shows, when it was scanned.
    /// - Returns: The findings, and the file, settings and plan for the checks that follow.
    public func run(
        configPath: String?,
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        runtime: MIDRuntimeFacts? = nil
    ) -> ConfigCheckResult {
        var result = ConfigCheckResult()
        if let configPath {
            do {
                result.configFile = try MIDConfigFile(contentsOf: configPath, reader: dependencies.fileReader)
            } catch {
                result.settingsError = error as? MidkvError
                result.findings.append(failure(error))
                return result
            }
        }

        resolve(&result, flags: flags, environment: environment)
        if let file = result.configFile {
            result.findings += review(file, settings: result.settings, runtime: runtime)
        } else if let settings = result.settings {
            result.findings += CloudConsistency(settings: settings).finding().map { [$0] } ?? []
        }

        result.findings += planFindings(result, flags: flags)
        result.findings += summary(result)
        logger.debug("config check finished", ["config.findings": "\(result.findings.count)"])
        return result
    }

    private func resolve(_ result: inout ConfigCheckResult, flags: [String: String], environment: [String: String]) {
        do {
            let settings = try Settings.resolve(
                flags: flags,
                environment: environment,
                configFile: result.configFile,
                fileReader: dependencies.fileReader,
                logger: logger
            )
            result.settings = settings
            result.plan = try AuthenticationPlan(settings: settings)
        } catch let error as MidkvError {
            if result.settings == nil {
                result.settingsError = error
                result.findings.append(Finding(error: error, check: Self.checkName))
            } else {
                result.planError = error
            }
        } catch {
            result.findings.append(failure(error))
        }
    }

    private func review(_ file: MIDConfigFile, settings: Settings?, runtime: MIDRuntimeFacts?) -> [Finding] {
        let review = ConfigReview(
            file: file,
            settings: settings,
            status: dependencies.files.status(of: file.path),
            runtime: runtime,
            processes: dependencies.processes.processes(),
            now: dependencies.now()
        )
        return review.findings()
    }

    /// What the flow's own plan says, where the file rules did not already say it.
    private func planFindings(_ result: ConfigCheckResult, flags: [String: String]) -> [Finding] {
        let reported = Set(result.findings.map(\.code))
        if let error = result.planError, error.code != .configEncryptedValue, !reported.contains(error.code) {
            return [Finding(error: error, check: Self.checkName)]
        }
        return (result.plan?.findings ?? []).filter { !reported.contains($0.code) }
    }

    private func summary(_ result: ConfigCheckResult) -> [Finding] {
        guard result.findings.allSatisfy({ $0.severity <= .note }), let settings = result.settings else {
            return []
        }

        let file = result.configFile.map { "\($0.path): \($0.parameters.count) parameters read" }
        let sign = result.plan?.summary ?? result.planError.map { "sign-in not possible yet: \($0.message)" }
        return [
            Finding(
                check: Self.checkName,
                severity: .ok,
                code: .configValid,
                message: (file ?? "No config.xml; settings from flags and environment")
                    + "; no problem found offline",
                evidence: [sign.map { Evidence("sign-in", $0) }, Evidence("scope", settings.scope.value)]
                    .compactMap { $0 }
            )
        ]
    }

    private func failure(_ error: any Error) -> Finding {
        guard let error = error as? MidkvError else {
            return Finding(
                check: Self.checkName,
                severity: .error,
                code: .configUnreadable,
                message: "config.xml could not be read: \(error)",
                fix: "Check that the file exists and is readable."
            )
        }
        return Finding(error: error, check: Self.checkName)
    }
}
