import Foundation

/// Cuts whole HTTP/1.1 requests (head plus `Content-Length` body) out of a connection's bytes.
struct RequestReader {
    private let descriptor: Int32
    private let stop: StopSignal
    private var buffer = Data()
    private var expectedLength: Int?

    init(descriptor: Int32, stop: StopSignal) {
        self.descriptor = descriptor
        self.stop = stop
    }

    /// The next complete request, or `nil` when the peer closed or the server stopped.
    mutating func next() -> Data? {
        while true {
            expectedLength = expectedLength ?? Self.totalLength(of: buffer)
            if let length = expectedLength, buffer.count >= length {
                let request = Data(buffer.prefix(length))
                buffer = Data(buffer.dropFirst(length))
                expectedLength = nil
                return request
            }

            guard case .bytes(let more) = LoopbackSocket.receive(descriptor, stop: stop) else {
                return nil
            }
            buffer.append(more)
        }
    }

    /// Takes whatever bytes arrived after the last complete request.
    mutating func takeRemainder() -> Data {
        defer { buffer = Data() }
        return buffer
    }

    /// The length of the request at the start of `buffer`, once its head is complete.
    private static func totalLength(of buffer: Data) -> Int? {
        guard let end = buffer.firstRange(of: Data("\r\n\r\n".utf8)) else {
            return nil
        }

        let headLength = end.upperBound - buffer.startIndex
        let head = String(decoding: buffer.prefix(headLength), as: UTF8.self)
        return headLength + contentLength(in: head)
    }

    private static func contentLength(in head: String) -> Int {
        for line in head.components(separatedBy: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        return 0
    }
}
