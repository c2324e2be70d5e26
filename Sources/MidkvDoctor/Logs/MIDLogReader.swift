import Glibc
import MidkvCore

/// Reads a MID agent log file in fixed-size chunks and hands over one record at a time.
///
/// Memory stays the same whatever the file's size: one chunk, and one record of at most
/// ``recordLimit`` bytes (the rest of a longer record is dropped and the record counted as
/// truncated). Both layouts the MID writes are recognised; lines that do not start with a
/// timestamp (stack traces, wrapped text) join the record before them. Invalid UTF-8 is decoded
/// leniently and never stops the scan.
public struct MIDLogReader: Sendable {
    /// Bytes read from the file at a time.
    public var chunkSize: Int
    /// The most bytes of one record that are kept.
    public var recordLimit: Int

    /// Creates a reader; the defaults suit files of any size.
    public init(chunkSize: Int = 1 << 20, recordLimit: Int = 64 * 1024) {
        self.chunkSize = max(chunkSize, RecordAssembler.headerProbe * 2)
        self.recordLimit = max(recordLimit, 1)
    }

    /// Calls `body` with each record of the file at `path`, in file order.
    ///
    /// - Throws: ``MidkvCore/MidkvError`` `log.unreadable` when the file cannot be opened or read,
    ///   `log.compressed` for a gzip file.
    public func forEachRecord(inFile path: String, _ body: (MIDLogRecord) -> Void) throws(MidkvError) -> LogFileStats {
        try read(path, automaton: nil) { buffer in
            body(MIDLogRecord(buffer, file: path))
        }
    }

    /// Reads `path`, runs every line through `automaton`, and hands each finished record to
    /// `onRecord`. The buffer is reused: `onRecord` must copy what it keeps.
    func read(
        _ path: String,
        automaton: KeywordAutomaton?,
        onRecord: (borrowing RecordBuffer) -> Void
    ) throws(MidkvError) -> LogFileStats {
        guard !path.hasSuffix(".gz") else {
            throw Self.compressed(path)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Self.unreadable(path, errno: errno)
        }
        defer { close(descriptor) }
        try Self.checkNotDevice(descriptor, path: path)

        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var assembler = RecordAssembler(recordLimit: recordLimit, automaton: automaton)
        var stats = LogFileStats(path: path)
        var carried = 0

        while true {
            let count = try readSome(descriptor, into: chunk, after: carried, path: path)
            if stats.bytes == 0, count >= 2, chunk[0] == 0x1F, chunk[1] == 0x8B {
                throw Self.compressed(path)
            }

            stats.bytes += count
            carried = assembler.consume(chunk, count: carried + count, atEnd: count == 0, onRecord: onRecord)
            if count == 0 {
                break
            }
        }

        assembler.finish(onRecord: onRecord)
        stats.lines = assembler.lineNumber
        stats.records = assembler.records
        stats.truncatedRecords = assembler.truncatedRecords
        stats.firstRecord = assembler.firstTimestamp
        stats.lastRecord = assembler.lastTimestamp
        return stats
    }

    private func readSome(
        _ descriptor: Int32,
        into chunk: UnsafeMutableBufferPointer<UInt8>,
        after carried: Int,
        path: String
    ) throws(MidkvError) -> Int {
        while true {
            let count = Glibc.read(descriptor, chunk.baseAddress! + carried, chunk.count - carried)
            if count >= 0 {
                return count
            }
            guard errno == EINTR else {
                throw Self.unreadable(path, errno: errno)
            }
        }
    }

    /// Refuses a device such as `/dev/zero` or a terminal, which would be read without end;
    /// pipes stay readable, so `<(zcat agent0.log.1.gz)` works.
    private static func checkNotDevice(_ descriptor: Int32, path: String) throws(MidkvError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw unreadable(path, errno: errno)
        }

        let type = status.st_mode & S_IFMT
        guard type != S_IFCHR, type != S_IFBLK else {
            throw MidkvError(
                .logUnreadable,
                "Cannot read the log file \(path): it is a device, not a file",
                evidence: [Evidence("file", path)],
                fix: "Name the MID's agent/logs/agent0.log.0 file and its rotations, or the agent/logs folder."
            )
        }
    }

    static func unreadable(_ path: String, errno code: Int32) -> MidkvError {
        let reason = String(cString: strerror(code))
        return MidkvError(
            .logUnreadable,
            "Cannot read the log file \(path): \(reason)",
            evidence: [Evidence("file", path), Evidence("system error", "\(reason) (errno \(code))")],
            fix: """
                Check the path and that this user may read it. The MID writes its log to \
                agent/logs/agent0.log.0 under its install folder, with older rotations .1 to .9 beside it.
                """
        )
    }

    static func compressed(_ path: String) -> MidkvError {
        MidkvError(
            .logCompressed,
            "Skipped \(path): it is gzip-compressed",
            evidence: [Evidence("file", path)],
            cause: "midkv reads plain-text logs only; newer MIDs compress rotated logs.",
            fix: "Decompress it (gunzip -k \(path)) and pass the decompressed file to scan it as well."
        )
    }
}
