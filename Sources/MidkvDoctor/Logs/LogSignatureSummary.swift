import MidkvCore

/// Every match of one signature (and variant) in the files scanned.
public struct LogSignatureSummary: Sendable, Equatable {
    /// The signature's code.
    public var code: ErrorCode
    /// What tells this kind of match apart, such as `AADSTS7000215` or an exception class.
    public var variant: String?
    /// The severity of the finding.
    public var severity: Finding.Severity
    /// How many records matched.
    public var count: Int
    /// The time of the first matching record that has one, in reading order.
    public var first: LogTimestamp?
    /// The time of the last matching record that has one, in reading order.
    public var last: LogTimestamp?
    /// The last matching record, with secrets masked.
    public var sample: LogSample
    /// A Key Vault or Entra ID host named in or near the last matching record.
    public var host: String?
}

/// Where one matching record is and what it says, with secrets masked.
public struct LogSample: Sendable, Equatable {
    /// The file.
    public var file: String
    /// The line number of the record's first line.
    public var line: Int
    /// The thread that wrote it.
    public var thread: String?
    /// The record's first line, masked and shortened.
    public var text: String
    /// The line number of the continuation line that matched, when not the first line.
    public var matchedLine: Int?
    /// That line, masked and shortened.
    public var matchedText: String?

    /// `file:line` of the record.
    public var location: String {
        "\(file):\(line)"
    }
}
