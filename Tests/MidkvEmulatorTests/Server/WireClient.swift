import COpenSSL
import Foundation
import Glibc

/// A blocking one-request HTTP client for `127.0.0.1:port`, plain or TLS (with SNI, chain and
/// host name verification through OpenSSL). Run it on a dedicated thread.
enum WireClient {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: String
        /// The issuer CN of the certificate the server presented (TLS only).
        var issuer: String?

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        func json() throws -> [String: Any] {
            (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
        }
    }

    enum Failure: Error, Equatable {
        case connect(Int32)
        case handshake(verifyResult: Int)
        case noResponse
    }

    /// How to speak to the server.
    enum Security {
        case plain
        /// TLS, trusting `caFile` (verification off when `nil`).
        case tls(host: String, caFile: String?)
    }

    static func send(port: UInt16, _ security: Security, request: String) throws -> Response {
        let descriptor = try connect(port: port)
        defer { close(descriptor) }

        guard case .tls(let host, let caFile) = security else {
            try writeAll(Array(request.utf8)) { Glibc.send(descriptor, $0, $1, Int32(MSG_NOSIGNAL)) }
            return try parse(readAll { recv(descriptor, $0, $1, 0) }, issuer: nil)
        }

        let context = SSL_CTX_new(TLS_client_method())
        defer { SSL_CTX_free(context) }
        if let caFile {
            SSL_CTX_load_verify_locations(context, caFile, nil)
        }
        SSL_CTX_set_verify(context, caFile == nil ? SSL_VERIFY_NONE : SSL_VERIFY_PEER, nil)

        let session = SSL_new(context)
        defer { SSL_free(session) }
        SSL_set_fd(session, descriptor)
        _ = copenssl_set_tlsext_host_name(session, host)
        SSL_set1_host(session, host)
        guard SSL_connect(session) == 1 else {
            throw Failure.handshake(verifyResult: Int(SSL_get_verify_result(session)))
        }

        let issuer = peerIssuer(session)
        try writeAll(Array(request.utf8)) { Int(SSL_write(session, $0, Int32($1))) }
        return try parse(readAll { Int(SSL_read(session, $0, Int32($1))) }, issuer: issuer)
    }

    /// A request text with `Connection: close`.
    static func request(
        _ method: String,
        _ target: String,
        host: String,
        headers: [(String, String)] = [],
        body: String = ""
    ) -> String {
        var lines = ["\(method) \(target) HTTP/1.1", "Host: \(host)", "Connection: close"]
        lines += headers.map { "\($0.0): \($0.1)" }
        lines.append("Content-Length: \(body.utf8.count)")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    private static func connect(port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw Failure.connect(code)
        }
        return descriptor
    }

    private static func peerIssuer(_ session: OpaquePointer?) -> String? {
        guard let certificate = SSL_get1_peer_certificate(session) else {
            return nil
        }
        defer { X509_free(certificate) }
        var buffer = [CChar](repeating: 0, count: 256)
        let length = X509_NAME_get_text_by_NID(X509_get_issuer_name(certificate), NID_commonName, &buffer, 256)
        guard length > 0 else {
            return nil
        }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func writeAll(_ bytes: [UInt8], _ write: (UnsafeRawPointer, Int) -> Int) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write($0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else {
                throw Failure.noResponse
            }
            offset += written
        }
    }

    private static func readAll(_ read: (UnsafeMutableRawPointer, Int) -> Int) -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read($0.baseAddress!, $0.count) }
            guard count > 0 else {
                return received
            }
            received += chunk.prefix(count)
        }
    }

    private static func parse(_ bytes: [UInt8], issuer: String?) throws -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            throw Failure.noResponse
        }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = head.first?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let headers = head.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else {
                return nil
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (String(line[..<colon]), value)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]), issuer: issuer)
    }
}
