import Foundation

/// One HTTP request exactly as it arrived on a test server's socket.
public struct RecordedRequest: Sendable, Equatable {
    /// The index of the TCP connection it came on, counting from 0 in accept order.
    public var connection: Int
    /// The raw bytes: request line, header lines, blank line and body.
    public var bytes: Data

    /// Creates a record.
    public init(connection: Int, bytes: Data) {
        self.connection = connection
        self.bytes = bytes
    }

    /// The request line and header lines, without the blank line that ends them.
    public var head: String {
        String(decoding: bytes.prefix(headLength), as: UTF8.self)
    }

    /// The request line (`PUT /secrets/db HTTP/1.1`).
    public var requestLine: String {
        headLines.first ?? ""
    }

    /// The header lines in order, as sent (`Content-Length: 12`).
    public var headerLines: [String] {
        Array(headLines.dropFirst())
    }

    /// The bytes after the blank line.
    public var body: Data {
        Data(bytes.dropFirst(headLength + 4))
    }

    /// The value of the first header line named `name` (case-insensitive), or `nil`.
    public func header(_ name: String) -> String? {
        let prefix = name.lowercased() + ":"
        let line = headerLines.first { $0.lowercased().hasPrefix(prefix) }
        return line.map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
    }

    private var headLines: [String] {
        head.components(separatedBy: "\r\n")
    }

    private var headLength: Int {
        bytes.firstRange(of: Data("\r\n\r\n".utf8)).map { $0.lowerBound - bytes.startIndex } ?? bytes.count
    }
}
