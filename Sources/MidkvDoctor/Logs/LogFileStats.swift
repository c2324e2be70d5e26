/// What reading one log file found, apart from signatures.
public struct LogFileStats: Sendable, Equatable, Encodable {
    /// The file read.
    public var path: String
    /// Bytes read.
    public var bytes: Int = 0
    /// Lines read (a last line without a newline counts).
    public var lines: Int = 0
    /// Records assembled, including lines before the first timestamp as one record.
    public var records: Int = 0
    /// Records longer than the record limit, kept only in part.
    public var truncatedRecords: Int = 0
    /// The time of the first record, if any record has one.
    public var firstRecord: LogTimestamp?
    /// The time of the last record, if any record has one.
    public var lastRecord: LogTimestamp?

    /// Creates empty statistics for `path`.
    public init(path: String) {
        self.path = path
    }

    /// Writes every field, unknown times as `null`, so the JSON shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(lines, forKey: .lines)
        try container.encode(records, forKey: .records)
        try container.encode(truncatedRecords, forKey: .truncatedRecords)
        try container.encode(firstRecord, forKey: .firstRecord)
        try container.encode(lastRecord, forKey: .lastRecord)
    }

    private enum CodingKeys: String, CodingKey {
        case path
        case bytes
        case lines
        case records
        case truncatedRecords
        case firstRecord
        case lastRecord
    }
}

/// A file the scan did not read, and why.
public struct SkippedLogFile: Sendable, Equatable, Encodable {
    /// The file as given.
    public var path: String
    /// The code of the finding that reports it: ``MidkvCore/ErrorCode/logUnreadable`` or
    /// ``MidkvCore/ErrorCode/logCompressed``.
    public var code: String
    /// Why it was skipped, in a few words.
    public var reason: String

    /// Creates a record of a skipped file.
    public init(path: String, code: String, reason: String) {
        self.path = path
        self.code = code
        self.reason = reason
    }
}
