import Glibc

/// Building and describing `sockaddr` values for TCP and Unix-domain sockets.
enum SocketAddress {
    /// A numeric IPv4 or IPv6 address with a port, ready for `bind`; `nil` when `host` is not numeric.
    static func tcp(host: String, port: UInt16) -> sockaddr_storage? {
        var storage = sockaddr_storage()
        var ipv4 = sockaddr_in()
        if inet_pton(AF_INET, host, &ipv4.sin_addr) == 1 {
            ipv4.sin_family = sa_family_t(AF_INET)
            ipv4.sin_port = port.bigEndian
            withUnsafeBytes(of: ipv4) { copy($0, into: &storage) }
            return storage
        }

        var ipv6 = sockaddr_in6()
        guard inet_pton(AF_INET6, host, &ipv6.sin6_addr) == 1 else {
            return nil
        }
        ipv6.sin6_family = sa_family_t(AF_INET6)
        ipv6.sin6_port = port.bigEndian
        withUnsafeBytes(of: ipv6) { copy($0, into: &storage) }
        return storage
    }

    /// A Unix-domain address for `path`; `nil` when the path does not fit.
    static func unix(path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return nil
        }

        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        return address
    }

    /// The length `bind` expects for an address of `family`.
    static func length(of storage: sockaddr_storage) -> socklen_t {
        let size =
            Int32(storage.ss_family) == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size
        return socklen_t(size)
    }

    /// `127.0.0.1:50312` or `[::1]:50312`; `unix` for other families.
    static func describe(_ storage: sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(storage.ss_family) {
        case AF_INET:
            let address = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in.self) }
            var raw = address.sin_addr
            inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
            return "\(string(text)):\(UInt16(bigEndian: address.sin_port))"
        case AF_INET6:
            let address = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in6.self) }
            var raw = address.sin6_addr
            inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
            return "[\(string(text))]:\(UInt16(bigEndian: address.sin6_port))"
        default:
            return "unix"
        }
    }

    /// The port a bound TCP socket listens on.
    static func boundPort(of descriptor: Int32) -> UInt16? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else {
            return nil
        }

        switch Int32(storage.ss_family) {
        case AF_INET:
            return UInt16(bigEndian: withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in.self) }.sin_port)
        case AF_INET6:
            return UInt16(bigEndian: withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in6.self) }.sin6_port)
        default:
            return nil
        }
    }

    private static func copy(_ bytes: UnsafeRawBufferPointer, into storage: inout sockaddr_storage) {
        withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
    }

    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
