/// One record of a MID agent log: a timestamped line and the lines that continue it.
public struct MIDLogRecord: Sendable, Equatable {
    /// The severity the record was written at.
    public enum Level: String, Sendable, Equatable {
        case error
        case warning
        case info
        case debug
    }

    /// The file the record is in.
    public var file: String
    /// The line number of the record's first line (1 is the first line of the file).
    public var line: Int
    /// When it was written; `nil` for lines before the first timestamp of a file.
    public var timestamp: LogTimestamp?
    /// Its level; `nil` for lines before the first timestamp of a file.
    public var level: Level?
    /// The thread that wrote it, such as `Worker-Interactive:CommandPipeline-…`.
    public var thread: String?
    /// The `Class:line` the ISO layout names.
    public var source: String?
    /// The first line's message, after timestamp, thread and level.
    public var message: String
    /// The lines after the first (stack traces, wrapped text), as kept.
    public var continuation: [String]
    /// Whether part of the record was dropped for being longer than the record limit.
    public var isTruncated: Bool

    init(_ buffer: borrowing RecordBuffer, file: String) {
        let lines = buffer.lines
        self.file = file
        self.line = buffer.firstLine
        self.timestamp = buffer.timestamp
        self.continuation = Array(lines.dropFirst())
        self.isTruncated = buffer.isTruncated

        let fields = RecordFields(firstLine: lines.first ?? "", header: buffer.header)
        self.level = fields.level
        self.thread = fields.thread
        self.source = fields.source
        self.message = fields.message
    }
}

/// The parts of a record's first line after its timestamp.
struct RecordFields {
    var level: MIDLogRecord.Level?
    var thread: String?
    var source: String?
    var message: String

    private static let classicMarkers: [(String, MIDLogRecord.Level)] = [
        ("SEVERE *** ERROR *** ", .error),
        ("WARNING *** WARNING *** ", .warning),
        ("DEBUG: ", .debug),
        ("SEVERE ", .error),
        ("WARNING ", .warning),
    ]

    init(firstLine: String, header: LogHeader?) {
        guard let header else {
            self.init(message: firstLine)
            return
        }

        let rest = firstLine.dropFirst(header.length + 1)
        if header == .iso {
            self.init(iso: rest)
        } else {
            self.init(classic: rest)
        }
    }

    private init(message: String) {
        self.message = message
    }

    private init(classic rest: Substring) {
        let thread = rest.prefix { $0 != " " }
        var message = rest.dropFirst(thread.count + 1)
        var level = MIDLogRecord.Level.info
        if let (marker, markerLevel) = Self.classicMarkers.first(where: { message.hasPrefix($0.0) }) {
            message = message.dropFirst(marker.count)
            level = markerLevel
        }

        self.level = level
        self.thread = thread.isEmpty ? nil : String(thread)
        self.message = String(message)
    }

    private init(iso rest: Substring) {
        let word = rest.prefix { $0 != " " }
        var remainder = rest.dropFirst(word.count).drop { $0 == " " }
        level = Self.isoLevel(word)

        if remainder.hasPrefix("("), let close = remainder.firstRange(of: ") [") ?? remainder.firstRange(of: ")") {
            thread = String(remainder[remainder.index(after: remainder.startIndex)..<close.lowerBound])
            remainder = remainder[close.lowerBound...].dropFirst().drop { $0 == " " }
        }
        if remainder.hasPrefix("["), let close = remainder.firstIndex(of: "]") {
            source = String(remainder[remainder.index(after: remainder.startIndex)..<close])
            remainder = remainder[remainder.index(after: close)...].drop { $0 == " " }
        }
        message = String(remainder)
    }

    private static func isoLevel(_ word: Substring) -> MIDLogRecord.Level {
        switch word.uppercased() {
        case "ERROR", "SEVERE", "FATAL": .error
        case "WARN", "WARNING": .warning
        case "DEBUG", "TRACE", "FINE", "FINER", "FINEST": .debug
        default: .info
        }
    }
}
