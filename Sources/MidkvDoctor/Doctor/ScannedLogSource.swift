import Foundation
import MidkvCore

/// Reads MID agent logs for the doctor with ``MIDLogScanner``: its findings, and the MID's last
/// start and last null tenant or client as instants for the config check.
public struct ScannedLogSource: MIDLogSource {
    /// The scanner.
    public var scanner: MIDLogScanner
    /// The zone local log times were written in: this machine's unless given.
    public var timeZone: TimeZone

    /// Creates a source.
    public init(scanner: MIDLogScanner = MIDLogScanner(), timeZone: TimeZone = .current) {
        self.scanner = scanner
        self.timeZone = timeZone
    }

    public func scan(_ files: [String]) -> LogEvidence {
        do {
            let report = try scanner.scan(files: files)
            let facts = report.facts
            let runtime = MIDRuntimeFacts(
                lastStart: facts.lastStart?.date(localZone: timeZone),
                lastNullTenantOrClient: facts.lastNullTenantOrClient?.date(localZone: timeZone),
                source: "agent log"
            )
            let known = runtime.lastStart != nil || runtime.lastNullTenantOrClient != nil
            return LogEvidence(findings: report.findings, runtime: known ? runtime : nil)
        } catch {
            return LogEvidence(findings: [Finding(error: error, check: MIDLogScanner.check)], runtime: nil)
        }
    }
}
