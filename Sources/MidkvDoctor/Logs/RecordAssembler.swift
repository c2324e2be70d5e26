import Glibc

/// Splits chunks of a log file into lines and joins them into records: a line that starts with a
/// timestamp opens a record, every other line continues the open one.
struct RecordAssembler: ~Copyable {
    /// Bytes a line needs before its timestamp can be judged; a shorter line start at the end of
    /// a chunk waits for the next chunk.
    static let headerProbe = 64

    private(set) var record: RecordBuffer
    let automaton: KeywordAutomaton?

    private(set) var lineNumber = 0
    private(set) var records = 0
    private(set) var truncatedRecords = 0
    private(set) var firstTimestamp: LogTimestamp?
    private(set) var lastTimestamp: LogTimestamp?

    private var atLineStart = true
    private var state: Int32 = 0
    private var matches: [KeywordAutomaton.Match] = []

    init(recordLimit: Int, automaton: KeywordAutomaton?) {
        self.record = RecordBuffer(limit: recordLimit, keywordCount: automaton?.keywords.count ?? 0)
        self.automaton = automaton
        matches.reserveCapacity(256)
    }

    /// Feeds the first `count` bytes of `chunk` and returns how many bytes at its start now hold a
    /// line start carried over for the next read (moved to the front of `chunk`).
    mutating func consume(
        _ chunk: UnsafeMutableBufferPointer<UInt8>,
        count: Int,
        atEnd: Bool,
        onRecord: (borrowing RecordBuffer) -> Void
    ) -> Int {
        let base = chunk.baseAddress!
        let limit = atEnd ? count : count - carriedTail(UnsafeBufferPointer(start: base, count: count))
        findKeywords(UnsafeBufferPointer(start: base, count: limit))

        var position = 0
        var match = 0
        while position < limit {
            let newline = memchr(base + position, 0x0A, limit - position)
            let end = newline.map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? limit
            let line = UnsafeBufferPointer(start: base + position, count: end - position)
            feed(line, at: position, endsLine: newline != nil, match: &match, onRecord)
            position = end + 1
        }

        memmove(base, base + limit, count - limit)
        return count - limit
    }

    /// Hands over the record still open at the end of the file.
    mutating func finish(onRecord: (borrowing RecordBuffer) -> Void) {
        guard record.isOpen else {
            return
        }
        lastTimestamp = record.timestamp
        emit(onRecord)
    }

    /// The length of a line start at the end of `bytes` too short to judge, which waits for
    /// the next chunk.
    private func carriedTail(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let window = min(bytes.count, Self.headerProbe)
        for back in 0..<window where bytes[bytes.count - 1 - back] == 0x0A {
            return back
        }
        return bytes.count < Self.headerProbe && atLineStart ? bytes.count : 0
    }

    private mutating func findKeywords(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let automaton else {
            return
        }
        matches.removeAll(keepingCapacity: true)
        state = automaton.scan(bytes, from: state, into: &matches)
    }

    private mutating func feed(
        _ line: UnsafeBufferPointer<UInt8>,
        at position: Int,
        endsLine: Bool,
        match: inout Int,
        _ onRecord: (borrowing RecordBuffer) -> Void
    ) {
        if atLineStart {
            startLine(line, onRecord)
        }

        let trimmed = endsLine && line.last == 0x0D ? UnsafeBufferPointer(rebasing: line.dropLast()) : line
        record.append(trimmed)
        while match < matches.count, matches[match].position < position + line.count {
            note(matches[match].state)
            match += 1
        }
        atLineStart = endsLine
    }

    private mutating func note(_ state: Int32) {
        guard let automaton else {
            return
        }
        for keyword in automaton.keywords(endingIn: state) {
            record.hits.note(keyword, line: record.lineCount - 1)
        }
    }

    private mutating func startLine(_ line: UnsafeBufferPointer<UInt8>, _ onRecord: (borrowing RecordBuffer) -> Void) {
        lineNumber += 1

        let header = LogHeader.detect(line)
        if header != nil || !record.isOpen {
            if record.isOpen {
                emit(onRecord)
            }
            record.open(line: lineNumber, header: header)
            if let header, firstTimestamp == nil {
                firstTimestamp = header.timestamp(line)
            }
        }
        record.startLine()
    }

    private mutating func emit(_ onRecord: (borrowing RecordBuffer) -> Void) {
        records += 1
        if record.isTruncated {
            truncatedRecords += 1
        }

        onRecord(record)
        record.close()
    }
}
