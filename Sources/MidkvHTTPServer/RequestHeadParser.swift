import MidkvSupport

/// Parses the bytes of a request head (request line and header fields, without the blank line).
enum RequestHeadParser {
    /// Parses a head; header names compare case-insensitively later, folded lines join with a space.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(HTTPRequestError) -> RequestHead {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        while lines.first?.isEmpty == true {
            lines.removeFirst()
        }
        guard let requestLine = lines.first else {
            throw .badRequest("empty request")
        }

        var head = try parseRequestLine(requestLine)
        head.headers = try parseFields(lines.dropFirst())
        return head
    }

    /// How the body of `head` is delimited, checked against `maxBodyBytes`.
    static func bodyFraming(of head: RequestHead, maxBodyBytes: Int) throws(HTTPRequestError) -> RequestHead.BodyFraming
    {
        let codings = head.headers.values(for: "Transfer-Encoding")
        if !codings.isEmpty {
            let last = codings.last?.split(separator: ",").last.map { $0.trimmingSpaces().lowercased() }
            guard last == "chunked" else {
                throw .unsupportedCoding
            }
            return .chunked
        }

        let lengths = Set(
            head.headers.values(for: "Content-Length").flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces() }
        )
        guard let text = lengths.first else {
            return .none
        }
        guard lengths.count == 1, !text.isEmpty, text.utf8.allSatisfy(isDigit), let length = Int(text) else {
            throw .badRequest("invalid Content-Length")
        }
        guard length <= maxBodyBytes else {
            throw .bodyTooLarge
        }
        return length == 0 ? .none : .length(length)
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> RequestHead {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter) else {
            throw .badRequest("malformed request line")
        }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw .badRequest("malformed request target")
        }

        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/"), version.count == 8 else {
            throw .badRequest("malformed HTTP version")
        }
        guard version.hasPrefix("HTTP/1."), let minor = Int(version.suffix(1)) else {
            throw .unsupportedVersion
        }

        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        return RequestHead(method: method, target: target, minorVersion: minor, headers: HTTPHeaders())
    }

    private static func parseFields(_ lines: ArraySlice<ArraySlice<UInt8>>) throws(HTTPRequestError) -> HTTPHeaders {
        var pairs: [(String, String)] = []
        for line in lines where !line.isEmpty {
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
                guard let previous = pairs.popLast() else {
                    throw .badRequest("continuation line before the first header field")
                }
                let joined = [previous.1, Substring(decoding: line, as: UTF8.self).trimmingSpaces()]
                pairs.append((previous.0, joined.filter { !$0.isEmpty }.joined(separator: " ")))
                continue
            }

            pairs.append(try parseField(line))
        }
        return HTTPHeaders(pairs)
    }

    private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPRequestError) -> (String, String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw .badRequest("header field without a colon")
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else {
            throw .badRequest("malformed header field name")
        }

        let value = line[line.index(after: colon)...]
        guard !value.contains(where: { $0 == 0 || $0 == UInt8(ascii: "\r") }) else {
            throw .badRequest("control character in a header field value")
        }
        return (String(decoding: name, as: UTF8.self), Substring(decoding: value, as: UTF8.self).trimmingSpaces())
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// RFC 9110 token characters.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
