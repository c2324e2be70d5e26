import COpenSSL
import Glibc
import MidkvCrypto

/// One client-side TLS session over memory buffers, with the socket I/O done here.
///
/// Doing the reads and writes ourselves (instead of handing OpenSSL the descriptor) keeps every
/// `errno` in view, so a reset, an orderly close and a plain-HTTP answer are told apart, and no
/// write can raise `SIGPIPE`. Verification runs with `SSL_VERIFY_NONE`: the handshake completes
/// whatever the chain, and the verdict is read afterwards.
final class TLSClientSession {
    /// How a handshake ended, short of completing.
    struct Failure: Error {
        var outcome: TLSProbeResult.Outcome
        var osError: SocketErrno?
    }

    private let context: OpaquePointer
    private let session: OpaquePointer
    private let incoming: OpaquePointer
    private let outgoing: OpaquePointer
    private var hasReceived = false

    /// Prepares a session for `serverName` that verifies against `trust`.
    init(serverName: String, trust: TLSTrust) throws(Failure) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw Self.openSSLFailure("creating a TLS client context")
        }
        self.context = context

        guard let session = SSL_new(context), let incoming = BIO_new(BIO_s_mem()),
            let outgoing = BIO_new(BIO_s_mem())
        else {
            SSL_CTX_free(context)
            throw Self.openSSLFailure("creating a TLS session")
        }
        self.session = session
        self.incoming = incoming
        self.outgoing = outgoing

        _ = copenssl_bio_set_mem_eof_return(incoming, -1)
        SSL_set_bio(session, incoming, outgoing)
        SSL_set_connect_state(session)
        try configure(serverName: serverName, trust: trust)
    }

    deinit {
        SSL_free(session)
        SSL_CTX_free(context)
    }

    private func configure(serverName: String, trust: TLSTrust) throws(Failure) {
        SSL_set_verify(session, SSL_VERIFY_NONE, nil)
        try loadTrust(trust)

        guard IPAddress(serverName) == nil else {
            _ = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(session), serverName)
            return
        }
        _ = copenssl_set_tlsext_host_name(session, serverName)
        _ = SSL_set1_host(session, serverName)
    }

    private func loadTrust(_ trust: TLSTrust) throws(Failure) {
        switch trust {
        case .systemStore:
            _ = SSL_CTX_set_default_verify_paths(context)
        case .caFile(let path):
            guard SSL_CTX_load_verify_locations(context, path, nil) == 1 else {
                let reasons = CryptoError.drainOpenSSLQueue().joined(separator: "; ")
                throw Failure(outcome: .trustUnavailable("the CA file \(path) could not be read: \(reasons)"))
            }
        }
    }

    // MARK: - Handshake

    /// Runs the handshake over `socket` until it completes or fails, or `deadline` passes.
    func handshake(over socket: ProbeSocket, deadline: ProbeDeadline) throws(Failure) {
        while true {
            ERR_clear_error()
            let result = SSL_connect(session)
            let code = SSL_get_error(session, result)
            guard result == 1 || code == SSL_ERROR_WANT_READ else {
                try? flush(to: socket, deadline: deadline)
                throw Self.handshakeFailure(code: code)
            }

            try flush(to: socket, deadline: deadline)
            if result == 1 {
                return
            }
            try receive(from: socket, deadline: deadline)
        }
    }

    private func flush(to socket: ProbeSocket, deadline: ProbeDeadline) throws(Failure) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while BIO_ctrl_pending(outgoing) > 0 {
            let count = BIO_read(outgoing, &buffer, Int32(buffer.count))
            guard count > 0 else {
                return
            }
            do {
                try socket.send(Array(buffer[0..<Int(count)]), deadline: deadline)
            } catch {
                throw Self.socketFailure(error)
            }
        }
    }

    private func receive(from socket: ProbeSocket, deadline: ProbeDeadline) throws(Failure) {
        let bytes: [UInt8]
        do {
            bytes = try socket.receive(limit: 16 * 1024, deadline: deadline)
        } catch {
            throw Self.socketFailure(error)
        }

        if !hasReceived, let first = bytes.first, !(0x14...0x18).contains(first) {
            throw Failure(outcome: .notTLS(Self.excerpt(bytes)))
        }
        hasReceived = true
        _ = BIO_write(incoming, bytes, Int32(bytes.count))
    }

    // MARK: - After the handshake

    /// The certificates the server presented, leaf first.
    var presentedChain: [CertificateInfo] {
        PeerCertificates.describe(SSL_get_peer_cert_chain(session))
    }

    /// The chain OpenSSL built while verifying, leaf first.
    var verifiedChain: [CertificateInfo] {
        PeerCertificates.describe(SSL_get0_verified_chain(session))
    }

    /// OpenSSL's verdict on the chain and the host name.
    var verification: TLSVerification {
        let code = SSL_get_verify_result(session)
        return TLSVerification(code: code, text: String(cString: X509_verify_cert_error_string(code)))
    }

    /// The negotiated protocol version (`TLSv1.3`).
    var protocolVersion: String {
        String(cString: SSL_get_version(session))
    }

    /// The negotiated cipher suite, if any.
    var cipher: String? {
        SSL_get_current_cipher(session).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
    }

    /// Sends a close alert, without waiting for the server's.
    func close(over socket: ProbeSocket, deadline: ProbeDeadline) {
        _ = SSL_shutdown(session)
        try? flush(to: socket, deadline: deadline)
        ERR_clear_error()
    }

    // MARK: - Failures

    private static func socketFailure(_ failure: SocketFailure) -> Failure {
        switch failure {
        case .timedOut:
            Failure(outcome: .timedOut)
        case .closed:
            Failure(outcome: .closed)
        case .system(let code) where code == ECONNRESET || code == EPIPE:
            Failure(outcome: .resetDuringHandshake, osError: SocketErrno(code))
        case .system(let code):
            Failure(outcome: .handshakeFailed(SocketErrno(code).description), osError: SocketErrno(code))
        }
    }

    private static func handshakeFailure(code: Int32) -> Failure {
        let reasons = CryptoError.drainOpenSSLQueue().joined(separator: "; ")
        if reasons.contains("wrong version number") {
            return Failure(outcome: .notTLS(reasons))
        }
        if reasons.contains("unexpected eof") {
            return Failure(outcome: .closed)
        }
        return Failure(outcome: .handshakeFailed(reasons.isEmpty ? "SSL error \(code)" : reasons))
    }

    private static func openSSLFailure(_ operation: String) -> Failure {
        let reasons = CryptoError.drainOpenSSLQueue().joined(separator: "; ")
        return Failure(outcome: .handshakeFailed("\(operation) failed: \(reasons)"))
    }

    /// The start of a non-TLS answer as printable text: its first line, at most 60 characters.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let line = bytes.prefix(60).prefix { $0 != 13 && $0 != 10 }
        return String(line.map { (0x20..<0x7F).contains($0) ? Character(UnicodeScalar($0)) : "." })
    }
}
