import Foundation
import MidkvCore
import MidkvDoctor

/// `midkv logs scan`: reads MID agent logs and reports the credential faults they show.
struct LogsScanCommand: Command {
    static let path = ["logs", "scan"]
    static let summary = "Scan MID agent logs for known credential failures"
    static let usage = "logs scan FILE... [--format human|json]"
    static let discussion = """
        Reads agent0.log.0 and its rotations oldest first, whatever order they are given
        in (a folder stands for the agent logs in it), and reports each known failure
        once: how often, first and last time, a sample with secrets masked, the cause
        and the fix. Gzipped rotations are skipped with a note.

        Exit status: 0 when no finding is an error, 1 when one is, 64 for a bad command
        line. --format json writes one document, schema midkv.findings/1, with the MID's
        last start and stop, the last null tenant or client ID, and per-file statistics
        under "facts".
        """
    static let options: [OptionSpec] = [
        .value("format", "FORMAT", help: "human (default) or json (schema midkv.findings/1)")
    ]

    let files: [String]
    let format: FindingsRenderer.Format

    init(arguments: ParsedArguments) throws {
        guard !arguments.positionals.isEmpty else {
            throw UsageError("name at least one log file, such as agent/logs/agent0.log.0")
        }
        files = arguments.positionals
        format = try FindingsRenderer.Format(option: arguments.value("format"))
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let paths = files.map { absolute($0, in: context.currentDirectory) }
        let showsProgress = isatty(STDERR_FILENO) == 1
        let console = context.console
        let report = try await Self.onOwnThread {
            try MIDLogScanner().scan(files: paths) { path in
                if showsProgress {
                    console.err("midkv: reading \(path)")
                }
            }
        }

        console.out(try output(for: report, console: console))
        return report.hasErrors ? .failure : .success
    }

    /// What the command prints for `report`.
    func output(for report: LogScanReport, console: Console?) throws -> String {
        let renderer = console.map(FindingsRenderer.init(console:)) ?? .plain
        switch format {
        case .json:
            return try renderer.json(report.findings, facts: ScanFacts(report))
        case .human:
            let parts = [Self.overview(of: report), renderer.human(report.findings)]
            return parts.compactMap { $0 }.joined(separator: "\n\n")
        }
    }

    /// A line about what was read, or `nil` when no file was.
    static func overview(of report: LogScanReport) -> String? {
        guard !report.files.isEmpty else {
            return nil
        }

        let records = report.files.reduce(0) { $0 + $1.records }
        let size = String(format: "%.1f MB", Double(report.files.reduce(0) { $0 + $1.bytes }) / 1_000_000)
        let files = Counted.phrase(report.files.count, "file")
        let start = report.facts.lastStart.map { " Last MID start: \($0)." } ?? ""
        return "Read \(files), \(Counted.phrase(records, "record")), \(size).\(start)"
    }

    private func absolute(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardized.path
    }

    /// Runs blocking file reads on a thread of their own, off Swift's cooperative pool.
    private static func onOwnThread<Value: Sendable>(
        _ work: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}

/// The `facts` object of `midkv logs scan --format json`: the MID's start and stop times, the
/// last null tenant or client, the period read, and per-file statistics.
private struct ScanFacts: Encodable, Sendable {
    var mid: MIDLogFacts
    var files: [LogFileStats]
    var skipped: [SkippedLogFile]

    init(_ report: LogScanReport) {
        mid = report.facts
        files = report.files
        skipped = report.skipped
    }

    func encode(to encoder: any Encoder) throws {
        try mid.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(skipped, forKey: .skipped)
    }

    private enum CodingKeys: String, CodingKey {
        case files
        case skipped
    }
}
