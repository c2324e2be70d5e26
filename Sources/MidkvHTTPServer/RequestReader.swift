/// Reads requests from a connection: heads within the header limit, bodies framed by length or chunks.
///
/// Bytes read past one request stay buffered for the next, so pipelined requests work.
/// Protocol violations throw ``HTTPRequestError``; transport failures throw ``SocketError``.
final class RequestReader {
    private let socket: ConnectionSocket
    private let limits: HTTPServer.Configuration.Limits
    private var buffer: [UInt8] = []

    init(socket: ConnectionSocket, limits: HTTPServer.Configuration.Limits) {
        self.socket = socket
        self.limits = limits
    }

    /// Whether bytes beyond the last request head are already here (the client did not wait).
    var hasBufferedInput: Bool {
        !buffer.isEmpty
    }

    /// Reads the next request head, waiting up to `firstByteWait` for it to start and then up to
    /// the read timeout for it to finish; `nil` when the peer closes between requests.
    func readHead(firstByteWait: Duration) throws -> RequestHead? {
        var deadline = Deadline.after(buffer.isEmpty ? firstByteWait : limits.readTimeout)
        var started = !buffer.isEmpty
        while true {
            dropLeadingLineBreaks()
            if let (headLength, consumed) = headEnd() {
                guard headLength <= limits.maxHeaderBytes else {
                    throw HTTPRequestError.headersTooLarge
                }
                let head = try RequestHeadParser.parse(buffer[0..<headLength])
                buffer.removeFirst(consumed)
                return head
            }
            guard buffer.count <= limits.maxHeaderBytes else {
                throw HTTPRequestError.headersTooLarge
            }

            guard try socket.receive(into: &buffer, deadline: deadline) > 0 else {
                if buffer.isEmpty {
                    return nil
                }
                throw SocketError.closed
            }
            if !started {
                started = true
                deadline = .after(limits.readTimeout)
            }
        }
    }

    /// Reads the body `framing` describes, within the body limit.
    func readBody(_ framing: RequestHead.BodyFraming) throws -> [UInt8] {
        switch framing {
        case .none:
            []
        case .length(let length):
            try readExactly(length)
        case .chunked:
            try readChunked()
        }
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let size = try chunkSize(try readLine(maxLength: 1024))
            if size == 0 {
                try skipTrailers()
                return body
            }
            guard size <= limits.maxBodyBytes - body.count else {
                throw HTTPRequestError.bodyTooLarge
            }

            body += try readExactly(size)
            guard try readLine(maxLength: 2).isEmpty else {
                throw HTTPRequestError.badRequest("chunk data longer than its size")
            }
        }
    }

    private func chunkSize(_ line: [UInt8]) throws -> Int {
        let sizeText = line.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)[0]
        let digits = Substring(decoding: sizeText, as: UTF8.self).trimmingSpaces()
        guard !digits.isEmpty, digits.count <= 15, let size = Int(digits, radix: 16) else {
            throw HTTPRequestError.badRequest("malformed chunk size")
        }
        return size
    }

    private func skipTrailers() throws {
        var total = 0
        while true {
            let line = try readLine(maxLength: limits.maxHeaderBytes)
            total += line.count + 2
            guard total <= limits.maxHeaderBytes else {
                throw HTTPRequestError.headersTooLarge
            }
            if line.isEmpty {
                return
            }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try socket.receive(into: &buffer, deadline: .after(limits.readTimeout)) > 0 else {
                throw SocketError.closed
            }
        }

        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// One line without its line break.
    private func readLine(maxLength: Int) throws -> [UInt8] {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[0..<newline])
                buffer.removeFirst(newline + 1)
                if line.last == UInt8(ascii: "\r") {
                    line.removeLast()
                }
                return line
            }
            guard buffer.count <= maxLength + 1 else {
                throw HTTPRequestError.badRequest("line too long in a chunked body")
            }

            guard try socket.receive(into: &buffer, deadline: .after(limits.readTimeout)) > 0 else {
                throw SocketError.closed
            }
        }
    }

    private func dropLeadingLineBreaks() {
        let count = buffer.prefix { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }.count
        if count > 0 {
            buffer.removeFirst(count)
        }
    }

    /// The length of the head and of the head plus its closing blank line, once both are buffered.
    private func headEnd() -> (Int, Int)? {
        var index = buffer.startIndex
        while let newline = buffer[index...].firstIndex(of: UInt8(ascii: "\n")) {
            let next = newline + 1
            if next < buffer.count, buffer[next] == UInt8(ascii: "\n") {
                return (newline, next + 1)
            }
            if next + 1 < buffer.count, buffer[next] == UInt8(ascii: "\r"), buffer[next + 1] == UInt8(ascii: "\n") {
                return (newline, next + 2)
            }
            index = next
        }
        return nil
    }
}
