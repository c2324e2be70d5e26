import Synchronization

/// Keeps log entries in memory, for tests that assert what was logged.
public final class MemoryLogHandler: LogHandler {
    private let stored = Mutex<[LogEntry]>([])

    /// Creates an empty handler.
    public init() {}

    public func write(_ entry: LogEntry) {
        stored.withLock { $0.append(entry) }
    }

    /// The entries written so far, in order.
    public var entries: [LogEntry] {
        stored.withLock { $0 }
    }

    /// Every message and metadata value written so far, one line per entry, for searching.
    public var transcript: String {
        entries.map { entry in
            let pairs = entry.metadata.keys.sorted().map { "\($0)=\(entry.metadata[$0] ?? "")" }
            return ([entry.level.description, entry.label, entry.message] + pairs).joined(separator: " ")
        }
        .joined(separator: "\n")
    }
}
