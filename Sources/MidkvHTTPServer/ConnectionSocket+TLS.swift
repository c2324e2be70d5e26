import COpenSSL
import Glibc
import MidkvCrypto

extension ConnectionSocket {
    /// The first byte the peer sent, left unread; `nil` when the peer closed first.
    func peekFirstByte(deadline: Deadline) throws(SocketError) -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK))
            if count == 1 {
                return byte
            }
            if count == 0 || (errno != EAGAIN && errno != EINTR) {
                return nil
            }
            try wait(for: POLLIN, deadline: deadline)
        }
    }

    /// Runs the server side of a TLS handshake; afterwards reads and writes are encrypted.
    ///
    /// - Returns: The server name the client asked for (SNI), if any.
    func acceptTLS(context: TLSContext, deadline: Deadline) throws(SocketError) -> String? {
        guard let created = SSL_new(context.pointer) else {
            throw .handshakeFailed(CryptoError.drainOpenSSLQueue().joined(separator: "; "))
        }
        session = created
        SSL_set_fd(created, descriptor)

        while true {
            let result = SSL_accept(created)
            if result == 1 {
                return SSL_get_servername(created, TLSEXT_NAMETYPE_host_name).map { String(cString: $0) }
            }
            try waitForHandshake(created, result: result, deadline: deadline)
        }
    }

    private func waitForHandshake(_ session: OpaquePointer, result: Int32, deadline: Deadline) throws(SocketError) {
        switch SSL_get_error(session, result) {
        case SSL_ERROR_WANT_READ:
            try wait(for: POLLIN, deadline: deadline)
        case SSL_ERROR_WANT_WRITE:
            try wait(for: POLLOUT, deadline: deadline)
        default:
            let reasons = CryptoError.drainOpenSSLQueue()
            throw .handshakeFailed(reasons.isEmpty ? "the peer closed the connection" : reasons.joined(separator: "; "))
        }
    }
}
