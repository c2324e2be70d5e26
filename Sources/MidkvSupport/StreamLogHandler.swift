import Foundation
import Synchronization

/// Writes log entries as lines to a file descriptor, standard error by default.
///
/// Two formats: `human` (`2026-12-03T12:00:00.000Z warning midkv.keyvault retrying request
/// http.status=429 vault.name=kv-contoso`) and `json` (one object a line with the keys `time`,
/// `level`, `label`, `message` and the metadata keys).
public final class StreamLogHandler: LogHandler {
    /// The line format.
    public enum Format: String, Sendable, CaseIterable {
        case human
        case json
    }

    private let format: Format
    private let descriptor: Int32
    private let lock = Mutex(())

    /// Creates a handler writing to `descriptor` (standard error unless given).
    public init(format: Format, descriptor: Int32 = 2) {
        self.format = format
        self.descriptor = descriptor
    }

    public func write(_ entry: LogEntry) {
        let line = render(entry) + "\n"
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { buffer in
                    Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                guard written > 0 else {
                    return
                }
                offset += written
            }
            bytes.removeAll()
        }
    }

    /// Renders one entry in this handler's format, without the trailing newline.
    public func render(_ entry: LogEntry) -> String {
        switch format {
        case .human:
            renderHuman(entry)
        case .json:
            renderJSON(entry)
        }
    }

    private func renderHuman(_ entry: LogEntry) -> String {
        var line = "\(Self.timestamp(entry.timestamp)) \(entry.level) \(entry.label) \(entry.message)"
        for key in entry.metadata.keys.sorted() {
            line += " \(key)=\(Self.quotedIfNeeded(entry.metadata[key] ?? ""))"
        }
        return line
    }

    private func renderJSON(_ entry: LogEntry) -> String {
        var object: [String: String] = entry.metadata
        object["time"] = Self.timestamp(entry.timestamp)
        object["level"] = entry.level.description
        object["label"] = entry.label
        object["message"] = entry.message
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" }
        guard needsQuotes else {
            return value
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
