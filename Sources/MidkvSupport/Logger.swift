import Foundation

/// A small structured logger: constant messages, key/value metadata, pluggable handlers.
///
/// Libraries in midkv never create their own logger: they take one from the caller, and the
/// default, ``Logger/disabled``, discards everything. Messages are `StaticString`s so that no
/// value can be interpolated into them; data goes into metadata under dotted keys such as
/// `vault.name` or `http.status`. Metadata values are plain strings, and a ``Secret`` renders
/// as its redaction marker, so a secret cannot reach a log by accident.
public struct Logger: Sendable {
    /// Severity, from most to least verbose.
    public enum Level: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
        case trace
        case debug
        case info
        case notice
        case warning
        case error
        case critical

        public static func < (lhs: Level, rhs: Level) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        public var description: String {
            switch self {
            case .trace: "trace"
            case .debug: "debug"
            case .info: "info"
            case .notice: "notice"
            case .warning: "warning"
            case .error: "error"
            case .critical: "critical"
            }
        }

        /// Parses a level name as users type it (`debug`, `WARNING`, `warn`).
        public init?(name: String) {
            let lowered = name.lowercased()
            if lowered == "warn" {
                self = .warning
                return
            }
            guard let level = Level.allCases.first(where: { $0.description == lowered }) else {
                return nil
            }
            self = level
        }
    }

    /// Key/value pairs attached to a log entry.
    public typealias Metadata = [String: String]

    /// The component that logs, such as `midkv.keyvault`.
    public let label: String

    /// Entries below this level are dropped before they reach the handler.
    public var minimumLevel: Level

    /// Metadata added to every entry of this logger.
    public var metadata: Metadata

    private let handler: (any LogHandler)?

    /// Creates a logger that writes to `handler`.
    public init(label: String, handler: any LogHandler, minimumLevel: Level = .info) {
        self.label = label
        self.handler = handler
        self.minimumLevel = minimumLevel
        self.metadata = [:]
    }

    private init(label: String) {
        self.label = label
        self.handler = nil
        self.minimumLevel = .critical
        self.metadata = [:]
    }

    /// A logger that discards everything.
    public static let disabled = Logger(label: "disabled")

    /// Returns a copy whose entries carry `label` instead.
    public func relabeled(_ label: String) -> Logger {
        var copy = self.copy(label: label)
        copy.metadata = metadata
        return copy
    }

    /// Returns a copy that adds `value` under `key` to every entry.
    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.metadata[key] = value
        return copy
    }

    /// Whether an entry at `level` would be written.
    public func isEnabled(_ level: Level) -> Bool {
        handler != nil && level >= minimumLevel
    }

    /// Writes an entry at `level`.
    public func log(_ level: Level, _ message: StaticString, _ metadata: Metadata = [:]) {
        guard isEnabled(level), let handler else {
            return
        }

        let merged = self.metadata.merging(metadata) { _, new in new }
        let entry = LogEntry(
            timestamp: Date(),
            level: level,
            label: label,
            message: message.description,
            metadata: merged
        )
        handler.write(entry)
    }

    /// Writes a trace entry: exhaustive detail for local debugging.
    public func trace(_ message: StaticString, _ metadata: Metadata = [:]) {
        log(.trace, message, metadata)
    }

    /// Writes a debug entry: cheap enough to leave on in production.
    public func debug(_ message: StaticString, _ metadata: Metadata = [:]) {
        log(.debug, message, metadata)
    }

    /// Writes an info entry: something the caller cannot see otherwise, such as a retry.
    public func info(_ message: StaticString, _ metadata: Metadata = [:]) {
        log(.info, message, metadata)
    }

    /// Writes a notice entry: a normal but significant event, such as a reload.
    public func notice(_ message: StaticString, _ metadata: Metadata = [:]) {
        log(.notice, message, metadata)
    }

    /// Writes a warning entry.
    public func warning(_ message: StaticString, _ metadata: Metadata = [:]) {
        log(.warning, message, metadata)
    }

    /// Writes an error entry.
    public func error(_ message: StaticString, _ metadata: Metadata = [:]) {
        log(.error, message, metadata)
    }

    private func copy(label: String) -> Logger {
        guard let handler else {
            return Logger(label: label)
        }
        return Logger(label: label, handler: handler, minimumLevel: minimumLevel)
    }
}

/// One log record as handed to a ``LogHandler``.
public struct LogEntry: Sendable, Equatable {
    /// When the entry was made.
    public var timestamp: Date
    /// The entry's severity.
    public var level: Logger.Level
    /// The logging component.
    public var label: String
    /// The constant message.
    public var message: String
    /// The entry's metadata.
    public var metadata: Logger.Metadata

    /// Creates an entry.
    public init(
        timestamp: Date,
        level: Logger.Level,
        label: String,
        message: String,
        metadata: Logger.Metadata
    ) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }
}

/// A destination for log entries.
public protocol LogHandler: Sendable {
    /// Writes one entry. Called from any thread.
    func write(_ entry: LogEntry)
}
