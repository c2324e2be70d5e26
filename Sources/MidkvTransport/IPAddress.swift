import Glibc

/// An IPv4 or IPv6 address, as the loopback checks need it.
struct IPAddress: Equatable, CustomStringConvertible {
    /// The address bytes: 4 for IPv4, 16 for IPv6.
    let bytes: [UInt8]

    /// Parses a literal such as `127.0.0.1` or `::1` (no brackets).
    init?(_ text: String) {
        if let bytes = Self.parse(text, family: AF_INET, size: 4) {
            self.bytes = bytes
        } else if let bytes = Self.parse(text, family: AF_INET6, size: 16) {
            self.bytes = bytes
        } else {
            return nil
        }
    }

    /// Reads the address out of a `sockaddr_in` or `sockaddr_in6`.
    init?(socketAddress: UnsafeRawPointer, family: Int32) {
        switch family {
        case AF_INET:
            let address = socketAddress.loadUnaligned(as: sockaddr_in.self)
            bytes = withUnsafeBytes(of: address.sin_addr) { Array($0) }
        case AF_INET6:
            let address = socketAddress.loadUnaligned(as: sockaddr_in6.self)
            bytes = withUnsafeBytes(of: address.sin6_addr) { Array($0) }
        default:
            return nil
        }
    }

    /// Whether this is 127.0.0.0/8, ::1, or an IPv4-mapped 127.0.0.0/8 address.
    var isLoopback: Bool {
        if bytes.count == 4 {
            return bytes[0] == 127
        }
        let loopbackV6: [UInt8] = Array(repeating: 0, count: 15) + [1]
        return bytes == loopbackV6 || (isV4Mapped && bytes[12] == 127)
    }

    /// Whether this is an IPv4 link-local address (169.254.0.0/16).
    var isLinkLocalV4: Bool {
        bytes.count == 4 && bytes[0] == 169 && bytes[1] == 254
    }

    private var isV4Mapped: Bool {
        bytes.count == 16 && bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    var description: String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count))
        }
        guard written != nil else {
            return "?"
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func parse(_ text: String, family: Int32, size: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: size)
        let result = buffer.withUnsafeMutableBytes { raw in
            inet_pton(family, text, raw.baseAddress)
        }
        return result == 1 ? buffer : nil
    }
}
