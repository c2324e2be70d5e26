import Glibc

/// An IPv4 or IPv6 address, or a CIDR range of them, as vault network rules name them.
struct AddressRange: Sendable, Equatable {
    private let bytes: [UInt8]
    private let prefixLength: Int

    /// Parses `203.0.113.10`, `203.0.113.0/24`, `::1` or `fd00::/8`; `nil` when malformed.
    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.parse(String(parts[0])) else {
            return nil
        }

        let fullLength = address.count * 8
        let length = parts.count > 1 ? Int(parts[1]) : fullLength
        guard let length, (0...fullLength).contains(length) else {
            return nil
        }
        bytes = address
        prefixLength = length
    }

    /// Whether `address` (plain, no port) falls inside the range.
    func contains(_ address: String) -> Bool {
        guard let candidate = Self.parse(address), candidate.count == bytes.count else {
            return false
        }
        var remaining = prefixLength
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if candidate[index] & mask != bytes[index] & mask {
                return false
            }
            remaining -= bits
        }
        return true
    }

    /// Whether `text` is an IPv6 address.
    static func isIPv6(_ text: String) -> Bool {
        parse(text)?.count == 16
    }

    private static func parse(_ text: String) -> [UInt8]? {
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, text, &v4) == 1 {
            return v4
        }
        var v6 = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return v6
        }
        return nil
    }
}
