import MidkvSupport

/// Hides secret values in a log line while keeping the rest readable.
///
/// Masked: the value after a secret-bearing key (`password=`, `pswd=`, `secret=`, `client_secret=`,
/// `secret_key=`, `passphrase=`, tokens, JSON `"password": "…"`), everything after
/// `Authorization:`, the token after `Bearer `, JWT-shaped `eyJ…` tokens, runs that look like
/// base64 key material, and values shaped like Entra ID client secrets. A value without quotes
/// is masked to the end of the line, or to the next `&` in a URL query, since a password may
/// contain any character.
enum LogMasker {
    /// The text that replaces a masked value.
    static let marker = Secret.redactionMarker

    /// Secret-bearing keys, longest first so that `secret_key` wins over `secret`.
    private static let keys = [
        "password", "passwd", "pswd", "pwd", "passphrase", "ssh_passphrase", "secret", "client_secret",
        "secret_key", "secretkey", "access_token", "refresh_token", "id_token", "client_assertion", "api_key",
        "apikey", "private_key", "ssh_private_key",
    ]
    .sorted { $0.utf8.count > $1.utf8.count }

    /// Keys that are ordinary words in prose: `secret: name` names a secret, it does not hold one.
    /// They count with `:` only when quoted, as in JSON.
    private static let proseKeys: Set = ["secret", "pwd"]

    /// `line` with every secret-looking value replaced by ``marker``.
    static func mask(_ line: String) -> String {
        var bytes = Array(line.utf8)
        bytes = maskAuthorization(bytes)
        bytes = maskKeyValues(bytes)
        bytes = maskBearer(bytes)
        bytes = TokenShapes.mask(bytes, marker: Array(marker.utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `line` masked, then cut to at most `limit` characters with `…` at the cut.
    static func maskAndShorten(_ line: String, limit: Int = 240) -> String {
        let masked = mask(line)
        guard masked.count > limit else {
            return masked
        }
        return String(masked.prefix(limit - 1)) + "…"
    }

    private static func maskAuthorization(_ bytes: [UInt8]) -> [UInt8] {
        guard let range = find("authorization:", in: bytes, from: 0) else {
            return bytes
        }
        var start = range.upperBound
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") {
            start += 1
        }

        let scheme = bytes[start...].prefix { isWordByte($0) }
        if ["bearer", "basic", "negotiate", "digest"].contains(String(decoding: scheme, as: UTF8.self).lowercased()) {
            start += scheme.count + 1
        }
        return Array(bytes[..<min(start, bytes.count)]) + (start < bytes.count ? Array(marker.utf8) : [])
    }

    private static func maskBearer(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        var from = 0
        while let range = find("bearer ", in: bytes, from: from) {
            let end = bytes[range.upperBound...].firstIndex { $0 == UInt8(ascii: " ") || isQuote($0) } ?? bytes.count
            let value = bytes[range.upperBound..<end]
            if !value.isEmpty, value != ArraySlice(marker.utf8) {
                bytes.replaceSubrange(range.upperBound..<end, with: marker.utf8)
            }
            from = range.upperBound + marker.utf8.count
        }
        return bytes
    }

    private static func maskKeyValues(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        var position = 0
        while position < bytes.count {
            guard let value = valueRange(in: bytes, at: position) else {
                position += 1
                continue
            }
            bytes.replaceSubrange(value, with: marker.utf8)
            position = value.lowerBound + marker.utf8.count
        }
        return bytes
    }

    /// The range of the secret value when a secret-bearing key starts at `position`.
    private static func valueRange(in bytes: [UInt8], at position: Int) -> Range<Int>? {
        guard position == 0 || !isWordByte(bytes[position - 1]) else {
            return nil
        }
        let quotedKey = position > 0 && isQuote(bytes[position - 1])
        guard let key = keys.first(where: { startsWith($0, in: bytes, at: position) }) else {
            return nil
        }

        var index = position + key.utf8.count
        if quotedKey, index < bytes.count, isQuote(bytes[index]) {
            index += 1
        }
        index = skipSpaces(bytes, index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: ":") else {
            return nil
        }
        guard bytes[index] == UInt8(ascii: "=") || quotedKey || !proseKeys.contains(key) else {
            return nil
        }
        index = skipSpaces(bytes, index + 1)
        return valueExtent(bytes, from: index, inQuery: position > 0 && isQueryJoin(bytes[position - 1]))
    }

    private static func valueExtent(_ bytes: [UInt8], from start: Int, inQuery: Bool) -> Range<Int>? {
        guard start < bytes.count else {
            return nil
        }
        if isQuote(bytes[start]) {
            let quote = bytes[start]
            let end = bytes[(start + 1)...].firstIndex(of: quote) ?? bytes.count
            return end > start + 1 ? (start + 1)..<end : nil
        }
        guard inQuery else {
            return start..<bytes.count
        }

        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: " ") } ?? bytes.count
        return end > start ? start..<end : nil
    }

    private static func find(_ needle: String, in bytes: [UInt8], from: Int) -> Range<Int>? {
        let count = needle.utf8.count
        guard bytes.count >= count, from <= bytes.count - count else {
            return nil
        }
        for index in from...(bytes.count - count) where startsWith(needle, in: bytes, at: index) {
            return index..<(index + count)
        }
        return nil
    }

    /// Whether `needle` (lowercase ASCII) starts at `index`, ignoring case.
    private static func startsWith(_ needle: String, in bytes: [UInt8], at index: Int) -> Bool {
        guard index + needle.utf8.count <= bytes.count else {
            return false
        }
        return zip(needle.utf8, bytes[index...]).allSatisfy { expected, actual in
            expected == (actual &- UInt8(ascii: "A") < 26 ? actual | 0x20 : actual)
        }
    }

    private static func skipSpaces(_ bytes: [UInt8], _ index: Int) -> Int {
        var index = index
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") {
            index += 1
        }
        return index
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "0") < 10
            || byte == UInt8(ascii: "_")
    }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func isQueryJoin(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "?")
    }
}
