import MidkvCore
import MidkvSupport

/// Scans MID agent logs for records that point at known credential faults, and reports each kind
/// as one ``MidkvCore/Finding`` with its count, first and last time, a masked sample, the cause and
/// the fix.
///
/// Files are read one after the other in chunks (see ``MIDLogReader``): the scan's memory does not
/// grow with the logs' size. Rotations are read oldest first whatever order they are given in.
/// The scan is synchronous and blocks on file reads: run it on a thread of its own, not on Swift's
/// cooperative pool.
public struct MIDLogScanner: Sendable {
    /// The check name of the scan's findings.
    public static let check = "logs"

    /// How files are read.
    public var reader: MIDLogReader
    /// The signatures looked for, most specific first.
    public var signatures: [LogSignature]

    private let logger: Logger

    /// Creates a scanner.
    public init(
        logger: Logger = .disabled,
        reader: MIDLogReader = MIDLogReader(),
        signatures: [LogSignature] = LogSignature.catalogue
    ) {
        self.logger = logger
        self.reader = reader
        self.signatures = signatures
    }

    /// Scans `files` (log files or folders holding them) and reports what they show.
    ///
    /// A file that cannot be read becomes an error finding (`log.unreadable`); a gzip file is
    /// skipped with a note (`log.compressed`). `progress` is called with each file before it is read.
    /// - Throws: ``MidkvCore/MidkvError`` `usage.invalid` when `files` is empty.
    public func scan(files: [String], progress: ((String) -> Void)? = nil) throws(MidkvError) -> LogScanReport {
        guard !files.isEmpty else {
            throw MidkvError(
                .usageInvalid,
                "No log file to scan",
                fix: "Name the MID's agent logs, such as agent/logs/agent0.log.0 and its rotations."
            )
        }

        var state = ScanState(matcher: SignatureMatcher(signatures: signatures))
        for entry in LogFileOrder.oldestFirst(files) {
            switch entry {
            case .file(let path):
                progress?(path)
                read(path, into: &state)
            case .problem(let error):
                state.skip(error, path: error.evidence.first?.value ?? "")
            }
        }
        return state.report()
    }

    private func read(_ path: String, into state: inout ScanState) {
        logger.debug("reading MID log file", ["log.file": path])
        do {
            let stats = try reader.read(path, automaton: state.matcher.automaton) { record in
                state.take(record, file: path)
            }

            state.finish(stats)
            logger.debug(
                "read MID log file",
                ["log.file": path, "log.bytes": "\(stats.bytes)", "log.records": "\(stats.records)"]
            )
        } catch {
            logger.debug("skipped MID log file", ["log.file": path, "log.code": error.code.rawValue])
            state.skip(error, path: path)
        }
    }
}
