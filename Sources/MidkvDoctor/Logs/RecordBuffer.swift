/// The bytes of one record being assembled: its first line and the continuation lines after it,
/// up to a fixed limit. Reused for every record of a file, so memory does not grow with the log.
struct RecordBuffer: ~Copyable {
    /// The most bytes kept; the rest of a longer record is dropped.
    let limit: Int
    /// The most lines whose start is remembered.
    let lineLimit: Int

    /// The layout of the first line's timestamp, or `nil` for lines before the first record.
    private(set) var header: LogHeader?
    /// The file line number of the first line.
    private(set) var firstLine = 0
    /// How many lines the record has, kept or not.
    private(set) var lineCount = 0
    /// Whether bytes or lines were dropped.
    private(set) var isTruncated = false
    /// Whether the buffer holds a record.
    private(set) var isOpen = false
    /// The keywords seen in the record.
    var hits: KeywordHits

    private let storage: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    private var lineStarts: [Int] = []

    init(limit: Int, keywordCount: Int, lineLimit: Int = 4096) {
        self.limit = limit
        self.lineLimit = lineLimit
        self.hits = KeywordHits(keywordCount: keywordCount)
        storage = .allocate(capacity: limit)
        lineStarts.reserveCapacity(64)
    }

    deinit {
        storage.deallocate()
    }

    /// Empties the buffer and starts a record whose first line is `line`.
    mutating func open(line: Int, header: LogHeader?) {
        self.header = header
        firstLine = line
        lineCount = 0
        isTruncated = false
        isOpen = true
        count = 0
        lineStarts.removeAll(keepingCapacity: true)
        if !hits.isEmpty {
            hits.removeAll()
        }
    }

    /// Marks the record as finished.
    mutating func close() {
        isOpen = false
    }

    /// Starts a new line of the record.
    mutating func startLine() {
        lineCount += 1
        guard count < limit, lineStarts.count < lineLimit else {
            isTruncated = true
            return
        }
        lineStarts.append(count)
    }

    /// Appends bytes to the current line, dropping what does not fit.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let kept = min(bytes.count, limit - count)
        if kept < bytes.count {
            isTruncated = true
        }
        guard kept > 0, let source = bytes.baseAddress else {
            return
        }

        (storage.baseAddress! + count).update(from: source, count: kept)
        count += kept
    }

    /// The number of lines kept.
    var keptLineCount: Int {
        lineStarts.count
    }

    /// Calls `body` with the bytes of kept line `index` (0 is the first line).
    func withLine<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let start = lineStarts[index]
        let end = index + 1 < lineStarts.count ? lineStarts[index + 1] : count
        return body(UnsafeBufferPointer(rebasing: storage[start..<end]))
    }

    /// The text of kept line `index`, decoded leniently (invalid UTF-8 becomes U+FFFD).
    func line(_ index: Int) -> String {
        withLine(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every kept line, decoded leniently.
    var lines: [String] {
        (0..<lineStarts.count).map { line($0) }
    }

    /// The timestamp of the first line, when the record has one.
    var timestamp: LogTimestamp? {
        guard let header, !lineStarts.isEmpty else {
            return nil
        }
        return withLine(0) { header.timestamp($0) }
    }
}
