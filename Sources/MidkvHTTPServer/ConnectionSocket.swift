import COpenSSL
import Glibc

/// One accepted, non-blocking socket, plain or TLS, whose every wait honours a deadline and the
/// server's stop signal.
final class ConnectionSocket {
    let descriptor: Int32
    private let wakeDescriptor: Int32
    private var scratch = [UInt8](repeating: 0, count: 16 * 1024)
    private var isClosed = false
    var session: OpaquePointer?

    init(descriptor: Int32, wakeDescriptor: Int32) {
        self.descriptor = descriptor
        self.wakeDescriptor = wakeDescriptor
    }

    deinit {
        closeNow()
    }

    /// Reads what is available (waiting until `deadline`) and appends it to `buffer`; returns 0 at end of stream.
    func receive(into buffer: inout [UInt8], deadline: Deadline) throws(SocketError) -> Int {
        let count = try receiveIntoScratch(deadline: deadline)
        buffer.append(contentsOf: scratch[0..<count])
        return count
    }

    /// Writes all of `bytes`, waiting while the peer's window is full.
    func send(_ bytes: [UInt8], deadline: Deadline) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            offset += try sendSome(bytes, from: offset, deadline: deadline)
        }
    }

    /// Waits until the socket is ready for `events` (`POLLIN`, `POLLOUT`).
    func wait(for events: Int32, deadline: Deadline) throws(SocketError) {
        var descriptors = [
            pollfd(fd: descriptor, events: Int16(events), revents: 0),
            pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&descriptors, 2, deadline.pollTimeout)
            if ready < 0, errno == EINTR {
                continue
            }

            if descriptors[1].revents != 0 {
                throw .stopping
            }
            if ready > 0 {
                return
            }
            throw .timedOut
        }
    }

    /// Sends a TLS close alert when in TLS, stops sending, and discards input until the peer
    /// closes or `deadline` passes, so unread input does not turn the close into a reset.
    func closeGracefully(deadline: Deadline) {
        if let session {
            _ = SSL_shutdown(session)
            ERR_clear_error()
        }
        shutdown(descriptor, Int32(SHUT_WR))

        while (try? drainRaw(deadline: deadline)) == true {}
        closeNow()
    }

    /// Closes at once.
    func closeNow() {
        guard !isClosed else {
            return
        }
        isClosed = true

        if let session {
            SSL_free(session)
            self.session = nil
        }
        _ = Glibc.close(descriptor)
    }

    /// Closes with a TCP reset instead of the orderly end of stream.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        closeNow()
    }

    /// Reads and discards raw bytes; `false` once the peer has closed.
    func drainRaw(deadline: Deadline) throws(SocketError) -> Bool {
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                return true
            }
            if count == 0 || (errno != EAGAIN && errno != EINTR) {
                return false
            }
            try wait(for: POLLIN, deadline: deadline)
        }
    }

    private func receiveIntoScratch(deadline: Deadline) throws(SocketError) -> Int {
        if let session {
            return try receiveTLS(session, deadline: deadline)
        }

        while true {
            let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 {
                return count
            }
            switch errno {
            case EINTR: continue
            case EAGAIN: try wait(for: POLLIN, deadline: deadline)
            default: return 0
            }
        }
    }

    private func receiveTLS(_ session: OpaquePointer, deadline: Deadline) throws(SocketError) -> Int {
        while true {
            let count = scratch.withUnsafeMutableBytes { SSL_read(session, $0.baseAddress, Int32($0.count)) }
            if count > 0 {
                return Int(count)
            }
            try waitForTLS(session, result: count, deadline: deadline)
        }
    }

    private func sendSome(_ bytes: [UInt8], from offset: Int, deadline: Deadline) throws(SocketError) -> Int {
        while true {
            let sent: Int = bytes.withUnsafeBytes { buffer in
                let start = buffer.baseAddress! + offset
                let length = buffer.count - offset
                if let session {
                    return Int(SSL_write(session, start, Int32(clamping: length)))
                }
                return Glibc.send(descriptor, start, length, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                return sent
            }

            if let session {
                try waitForTLS(session, result: Int32(sent), deadline: deadline)
            } else if errno == EAGAIN {
                try wait(for: POLLOUT, deadline: deadline)
            } else if errno != EINTR {
                throw .closed
            }
        }
    }

    /// Waits as OpenSSL asks after a call returned `result`; throws `.closed` when the session is over.
    func waitForTLS(_ session: OpaquePointer, result: Int32, deadline: Deadline) throws(SocketError) {
        switch SSL_get_error(session, result) {
        case SSL_ERROR_WANT_READ:
            try wait(for: POLLIN, deadline: deadline)
        case SSL_ERROR_WANT_WRITE:
            try wait(for: POLLOUT, deadline: deadline)
        default:
            ERR_clear_error()
            throw .closed
        }
    }
}
