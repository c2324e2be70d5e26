import MidkvCore

/// What a scan of MID agent logs found.
public struct LogScanReport: Sendable {
    /// One finding per signature (and variant) seen, one per file that could not be read, and a
    /// passing finding when nothing was seen; the most severe first. Check name `logs`.
    public var findings: [Finding]
    /// The signatures seen, in the order of ``findings``.
    public var signatures: [LogSignatureSummary]
    /// Facts about the MID's life.
    public var facts: MIDLogFacts
    /// The files read, in reading order (oldest rotation first).
    public var files: [LogFileStats]
    /// The files not read.
    public var skipped: [SkippedLogFile]

    /// Whether any finding is an error.
    public var hasErrors: Bool {
        findings.contains { $0.severity == .error }
    }
}
