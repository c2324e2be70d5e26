import COpenSSL
import Foundation
import Glibc

/// A blocking test client over TCP or a Unix socket, optionally speaking TLS through OpenSSL.
final class TestClient {
    /// A socket call that failed, with its `errno`.
    struct Failure: Error, Equatable {
        var call: String
        var errno: Int32
    }

    /// A response as read off the wire.
    struct Response {
        var statusLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String {
            String(decoding: body, as: UTF8.self)
        }
    }

    let descriptor: Int32
    private(set) var session: OpaquePointer?
    private var context: OpaquePointer?
    private var buffer: [UInt8] = []

    /// Connects to `127.0.0.1:port`.
    convenience init(port: UInt16, receiveTimeout: Int = 20) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        try self.init(family: AF_INET, address: address, receiveTimeout: receiveTimeout)
    }

    /// Connects to the Unix socket at `path`.
    convenience init(unixPath: String, receiveTimeout: Int = 20) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(unixPath.utf8)) }
        try self.init(family: AF_UNIX, address: address, receiveTimeout: receiveTimeout)
    }

    private init<Address>(family: Int32, address: Address, receiveTimeout: Int) throws {
        descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        setReceiveTimeout(seconds: receiveTimeout, microseconds: 0)

        var copy = address
        let result = withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<Address>.size))
            }
        }
        guard result == 0 else {
            let failure = Failure(call: "connect", errno: errno)
            close(descriptor)
            throw failure
        }
    }

    deinit {
        if let session {
            SSL_free(session)
        }
        if let context {
            SSL_CTX_free(context)
        }
        close(descriptor)
    }

    func setReceiveTimeout(seconds: Int, microseconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: microseconds)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `text`.
    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                let start = buffer.baseAddress! + offset
                if let session {
                    return Int(SSL_write(session, start, Int32(buffer.count - offset)))
                }
                return Glibc.send(descriptor, start, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else {
                throw Failure(call: "send", errno: errno)
            }
            offset += sent
        }
    }

    /// Reads what arrives next; empty at end of stream; throws with the errno on reset or timeout.
    func receive() throws -> [UInt8] {
        if !buffer.isEmpty {
            defer { buffer.removeAll() }
            return buffer
        }

        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { raw in
            if let session {
                return Int(SSL_read(session, raw.baseAddress, Int32(raw.count)))
            }
            return recv(descriptor, raw.baseAddress, raw.count, 0)
        }
        if let session, count <= 0 {
            let reason = SSL_get_error(session, Int32(count))
            let failure = Failure(call: "SSL_read", errno: errno)
            ERR_clear_error()
            if reason == SSL_ERROR_SYSCALL, failure.errno != 0 {
                throw failure
            }
            return []
        }
        guard count >= 0 else {
            throw Failure(call: "recv", errno: errno)
        }
        return Array(chunk.prefix(count))
    }

    /// Reads until the peer closes and returns everything.
    func receiveAll() throws -> [UInt8] {
        var all: [UInt8] = []
        while case let chunk = try receive(), !chunk.isEmpty {
            all += chunk
        }
        return all
    }

    /// Reads exactly `count` bytes.
    func receive(count: Int) throws -> [UInt8] {
        while buffer.count < count {
            let chunk = try receiveRaw()
            guard !chunk.isEmpty else {
                throw Failure(call: "recv (end of stream)", errno: 0)
            }
            buffer += chunk
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[0..<count])
    }

    /// Reads one response; its body is framed by `Content-Length` (absent: none, or all for `untilClose`).
    func readResponse(bodyForHEAD: Bool = true) throws -> Response {
        while !containsHeadEnd() {
            let chunk = try receiveRaw()
            guard !chunk.isEmpty else {
                throw Failure(call: "recv (end of stream before a response)", errno: 0)
            }
            buffer += chunk
        }

        let end = headEnd()!
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        let lines = head.components(separatedBy: "\r\n")
        let headers = lines.dropFirst().map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (name: String(parts[0]), value: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }

        var response = Response(statusLine: lines[0], headers: headers, body: [])
        if bodyForHEAD, let length = response.header("Content-Length").flatMap({ Int($0) }) {
            response.body = try receive(count: length)
        }
        return response
    }

    private func receiveRaw() throws -> [UInt8] {
        let saved = buffer
        buffer = []
        let chunk = try receive()
        buffer = saved
        return chunk
    }

    private func containsHeadEnd() -> Bool {
        headEnd() != nil
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else {
            return nil
        }
        return (0...(buffer.count - 4)).first { buffer[$0..<($0 + 4)].elementsEqual("\r\n\r\n".utf8) }
    }

    // MARK: - TLS

    /// The outcome of a client handshake.
    struct Handshake {
        var succeeded: Bool
        var verifyResult: Int
        var errno: Int32
        var peerCertificatePEM: String?
    }

    /// Runs a TLS client handshake, trusting `caPEM`, sending `serverName` as SNI and checking it
    /// against the certificate. With `requireTrust` false the handshake completes whatever the
    /// verification result, so the certificate can be inspected.
    @discardableResult
    func startTLS(serverName: String?, caPEM: String, requireTrust: Bool = true) -> Handshake {
        context = SSL_CTX_new(TLS_client_method())
        let store = SSL_CTX_get_cert_store(context)
        for certificate in certificates(caPEM) {
            X509_STORE_add_cert(store, certificate)
            X509_free(certificate)
        }
        SSL_CTX_set_verify(context, requireTrust ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)

        session = SSL_new(context)
        SSL_set_fd(session, descriptor)
        if let serverName {
            copenssl_set_tlsext_host_name(session, serverName)
            SSL_set1_host(session, serverName)
        }

        errno = 0
        let succeeded = SSL_connect(session) == 1
        let failureErrno = errno
        ERR_clear_error()
        return Handshake(
            succeeded: succeeded,
            verifyResult: SSL_get_verify_result(session),
            errno: failureErrno,
            peerCertificatePEM: succeeded ? peerCertificatePEM() : nil
        )
    }

    private func peerCertificatePEM() -> String? {
        guard let certificate = SSL_get1_peer_certificate(session) else {
            return nil
        }
        defer { X509_free(certificate) }

        let bio = BIO_new(BIO_s_mem())
        defer { BIO_free(bio) }
        PEM_write_bio_X509(bio, certificate)

        var data: UnsafeMutablePointer<CChar>?
        let length = copenssl_bio_get_mem_data(bio, &data)
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    private func certificates(_ pem: String) -> [OpaquePointer] {
        Array(pem.utf8).withUnsafeBytes { raw in
            let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count))
            defer { BIO_free(bio) }

            var found: [OpaquePointer] = []
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                found.append(certificate)
            }
            ERR_clear_error()
            return found
        }
    }
}
