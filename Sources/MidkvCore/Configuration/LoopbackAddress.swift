/// Recognises loopback addresses: IPv4 127.0.0.0/8 and IPv6 `::1`.
enum LoopbackAddress {
    /// Whether `text` is `HOST:PORT` with a loopback address (`[::1]` for IPv6) and a port
    /// from 1 to 65535.
    static func isLoopbackHostPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":") else {
            return false
        }

        let host = text[..<colon]
        let digits = text[text.index(after: colon)...]
        guard isDigits(digits), let port = Int(digits), (1...65_535).contains(port) else {
            return false
        }
        return host == "[::1]" || isLoopbackIPv4(host)
    }

    /// Whether `text` is a dotted-quad IPv4 address in 127.0.0.0/8.
    static func isLoopbackIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else {
            return false
        }
        return parts.allSatisfy { part in
            part.count <= 3 && isDigits(part) && UInt8(part) != nil
        }
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
