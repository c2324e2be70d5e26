import Foundation
import Glibc

/// The few socket operations the loopback test servers need, refusing any address that is not
/// loopback.
enum LoopbackSocket {
    /// What a bounded wait for bytes produced.
    enum Received {
        case bytes(Data)
        case closed
        case stopped
    }

    /// Binds a TCP socket to `host` (`127.0.0.1` or `::1`) on a port the system picks.
    static func bind(host: String) throws -> (descriptor: Int32, port: Int) {
        let family = host.contains(":") ? AF_INET6 : AF_INET
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw LoopbackSocketError("socket")
        }

        do {
            try withSocketAddress(host: host, port: 0) { address, length in
                guard Glibc.bind(descriptor, address, length) == 0 else {
                    throw LoopbackSocketError("bind")
                }
            }
            return (descriptor, try boundPort(of: descriptor))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Binds and listens on `host`.
    static func listen(host: String, backlog: Int32 = 512) throws -> (descriptor: Int32, port: Int) {
        let bound = try bind(host: host)
        guard Glibc.listen(bound.descriptor, backlog) == 0 else {
            close(bound.descriptor)
            throw LoopbackSocketError("listen")
        }
        return bound
    }

    /// Connects to a loopback `host` and `port`, blocking until done.
    static func connect(host: String, port: Int) throws -> Int32 {
        let family = host.contains(":") ? AF_INET6 : AF_INET
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw LoopbackSocketError("socket")
        }

        do {
            try withSocketAddress(host: host, port: port) { address, length in
                guard Glibc.connect(descriptor, address, length) == 0 else {
                    throw LoopbackSocketError("connect")
                }
            }
            return descriptor
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Accepts one connection, or returns `nil` once `stop` fires.
    static func accept(_ listener: Int32, stop: StopSignal) -> Int32? {
        while true {
            guard wait(for: listener, stop: stop) else {
                return nil
            }

            let connection = Glibc.accept(listener, nil, nil)
            if connection >= 0 {
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                return connection
            }
        }
    }

    /// Waits for bytes on `descriptor`, for its closing, or for `stop`.
    static func receive(_ descriptor: Int32, stop: StopSignal) -> Received {
        guard wait(for: descriptor, stop: stop) else {
            return .stopped
        }

        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else {
            return .closed
        }
        return .bytes(Data(buffer[0..<count]))
    }

    /// Writes all of `data`; returns `false` if the peer went away.
    @discardableResult
    static func sendAll(_ descriptor: Int32, _ data: Data) -> Bool {
        var offset = 0
        let bytes = [UInt8](data)
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else {
                return false
            }
            offset += written
        }
        return true
    }

    /// Closes `descriptor` with an RST instead of a FIN.
    static func reset(_ descriptor: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(descriptor)
    }

    private static func wait(for descriptor: Int32, stop: StopSignal) -> Bool {
        var entries = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&entries, 2, -1)
            if ready < 0 && errno == EINTR {
                continue
            }
            return ready > 0 && entries[1].revents == 0
        }
    }

    private static func boundPort(of descriptor: Int32) throws -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else {
            throw LoopbackSocketError("getsockname")
        }

        let raw = withUnsafeBytes(of: storage) { Array($0) }
        return Int(raw[2]) << 8 | Int(raw[3])
    }

    private static func withSocketAddress(
        host: String,
        port: Int,
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Void
    ) throws {
        guard isLoopback(host) else {
            throw LoopbackSocketError("loopback check", code: EADDRNOTAVAIL)
        }

        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    try body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    try body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Whether `host` is a loopback address literal (127.0.0.0/8 or ::1).
    static func isLoopback(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }

        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else {
            return false
        }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        return bytes == Array(repeating: 0, count: 15) + [1]
    }
}
