import CCurl  // optimised builds see the socket constants through libcurl's headers
import Glibc

/// Why a socket operation ended early.
enum SocketFailure: Error, Equatable {
    /// The deadline passed first.
    case timedOut
    /// The peer closed the connection (end of stream).
    case closed
    /// The system call failed with this `errno`.
    case system(Int32)
}

/// A non-blocking TCP socket whose every wait ends at a deadline.
///
/// Writes use `MSG_NOSIGNAL`, so a peer that went away yields `EPIPE` instead of a signal.
final class ProbeSocket {
    let descriptor: Int32
    private var isClosed = false

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close()
    }

    /// Connects to a numeric `address` and `port`, waiting until `deadline` at most.
    static func connect(address: String, port: Int, deadline: ProbeDeadline) -> Result<ProbeSocket, SocketFailure> {
        guard let target = SocketAddress(address: address, port: port) else {
            return .failure(.system(EINVAL))
        }

        let descriptor = socket(target.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            return .failure(.system(errno))
        }

        let probeSocket = ProbeSocket(descriptor: descriptor)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        return probeSocket.finishConnect(to: target, deadline: deadline).map { probeSocket }
    }

    private func finishConnect(to target: SocketAddress, deadline: ProbeDeadline) -> Result<Void, SocketFailure> {
        let started = target.withPointer { Glibc.connect(descriptor, $0, $1) }
        if started == 0 {
            return .success(())
        }
        guard errno == EINPROGRESS || errno == EINTR else {
            return .failure(.system(errno))
        }

        do {
            try wait(for: POLLOUT, deadline: deadline)
        } catch {
            return .failure(error)
        }
        return pendingError().map { .failure(.system($0)) } ?? .success(())
    }

    private func pendingError() -> Int32? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else {
            return errno
        }
        return value == 0 ? nil : value
    }

    /// Waits until the socket is ready for `events` or reports an error or hang-up.
    func wait(for events: Int32, deadline: ProbeDeadline) throws(SocketFailure) {
        var entry = pollfd(fd: descriptor, events: Int16(events), revents: 0)
        while true {
            let ready = poll(&entry, 1, deadline.pollTimeout)
            if ready > 0 {
                return
            }
            if ready < 0, errno == EINTR {
                continue
            }
            throw ready < 0 ? .system(errno) : .timedOut
        }
    }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8], deadline: ProbeDeadline) throws(SocketFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                offset += written
                continue
            }

            guard written < 0, errno == EAGAIN || errno == EINTR else {
                throw .system(written < 0 ? errno : EPIPE)
            }
            try wait(for: POLLOUT, deadline: deadline)
        }
    }

    /// Reads up to `limit` bytes that are available, waiting for at least one; with `peek`, leaves
    /// them unread.
    func receive(limit: Int, peek: Bool = false, deadline: ProbeDeadline) throws(SocketFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = recv(descriptor, &buffer, limit, peek ? Int32(MSG_PEEK) : 0)
            if count > 0 {
                return Array(buffer[0..<count])
            }
            if count == 0 {
                throw .closed
            }

            guard errno == EAGAIN || errno == EINTR else {
                throw .system(errno)
            }
            try wait(for: POLLIN, deadline: deadline)
        }
    }

    /// Closes the socket; calling it again does nothing.
    func close() {
        guard !isClosed else {
            return
        }
        isClosed = true
        Glibc.close(descriptor)
    }
}

/// A `sockaddr_in` or `sockaddr_in6` built from a numeric address.
struct SocketAddress {
    private var storage = sockaddr_storage()
    private let length: socklen_t
    let family: Int32

    init?(address: String, port: Int) {
        guard let ip = IPAddress(address), (0...65535).contains(port) else {
            return nil
        }

        family = ip.bytes.count == 4 ? AF_INET : AF_INET6
        length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
        withUnsafeMutableBytes(of: &storage) { raw in
            Self.fill(raw, bytes: ip.bytes, port: UInt16(port))
        }
    }

    private static func fill(_ raw: UnsafeMutableRawBufferPointer, bytes: [UInt8], port: UInt16) {
        if bytes.count == 4 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyBytes(from: bytes) }
            raw.storeBytes(of: address, as: sockaddr_in.self)
        } else {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &address.sin6_addr) { $0.copyBytes(from: bytes) }
            raw.storeBytes(of: address, as: sockaddr_in6.self)
        }
    }

    func withPointer<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }
}
