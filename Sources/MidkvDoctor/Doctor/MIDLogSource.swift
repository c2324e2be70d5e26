import MidkvCore

/// What the MID's agent logs contribute to a doctor run: their findings, and the facts about the
/// MID's life that the config check weighs (last start, null tenant or client logged).
public struct LogEvidence: Sendable {
    /// The log findings, check name `logs`.
    public var findings: [Finding]
    /// The facts, when the logs hold any.
    public var runtime: MIDRuntimeFacts?

    /// Creates evidence.
    public init(findings: [Finding], runtime: MIDRuntimeFacts?) {
        self.findings = findings
        self.runtime = runtime
    }
}

/// Reads MID agent logs for the doctor. Scanning is blocking file I/O: the doctor calls it on a
/// thread of its own.
public protocol MIDLogSource: Sendable {
    /// Scans `files` (log files or folders).
    func scan(_ files: [String]) -> LogEvidence
}
