import Foundation
import Glibc
import MidkvTestSupport

/// Speaks HTTP/1.1 to the agent over its Unix socket (or a loopback port) with plain blocking
/// sockets, one connection per request, as the MID resolver JAR does.
///
/// Every call blocks: run it through `onDedicatedThread`, never directly in async code.
struct AgentWireClient: Sendable {
    /// One HTTP response.
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data

        /// The body as a JSON object, or an empty one.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }

        /// `error.code` of an error body.
        var errorCode: String? {
            (json["error"] as? [String: Any])?["code"] as? String
        }

        /// The `credential` object of a 200 body.
        var credential: [String: String]? {
            json["credential"] as? [String: String]
        }

        /// The body as text.
        var text: String {
            String(decoding: body, as: UTF8.self)
        }
    }

    /// Where the agent listens.
    enum Address: Sendable {
        case unix(String)
        case tcp(port: UInt16)
    }

    let address: Address

    /// Posts `{"id":…,"type":…}` (plus `ip` and `mid`) to `/v1/resolve`.
    func resolve(_ id: String, type: String, ip: String? = "10.20.30.40", mid: String? = "mid-test-01") throws -> Reply
    {
        var object: [String: String] = ["id": id, "type": type]
        object["ip"] = ip
        object["mid"] = mid
        let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try post("/v1/resolve", body: body)
    }

    /// Posts `body` as JSON to `path`.
    func post(_ path: String, body: Data) throws -> Reply {
        let head = """
            POST \(path) HTTP/1.1\r
            Host: localhost\r
            Content-Type: application/json\r
            Content-Length: \(body.count)\r
            Connection: close\r
            \r

            """
        return try exchange(Data(head.utf8) + body)
    }

    /// Sends a bodiless request.
    func request(_ method: String, _ path: String) throws -> Reply {
        try exchange(Data("\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8))
    }

    /// Sends `bytes` on a new connection and reads the reply until the agent closes.
    func exchange(_ bytes: Data) throws -> Reply {
        let descriptor = try connect()
        defer { close(descriptor) }

        try Self.send(bytes, on: descriptor)
        return try Self.parse(Self.readToEnd(descriptor))
    }

    /// A connected socket, for tests that drive the bytes themselves; the caller closes it.
    func connect() throws -> Int32 {
        switch address {
        case .unix(let path):
            return try Self.connectUnix(path)
        case .tcp(let port):
            return try Self.connectTCP(port)
        }
    }

    /// Writes all of `bytes`.
    static func send(_ bytes: Data, on descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else {
                throw WireError("send failed: errno \(errno)")
            }
            offset += written
        }
    }

    /// Reads until the peer closes (or a 60-second silence, which fails).
    static func readToEnd(_ descriptor: Int32) throws -> Data {
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                received.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno == ECONNRESET {
                return received
            } else if errno != EINTR {
                throw WireError("recv failed: errno \(errno)")
            }
        }
    }

    /// Splits a response into status, headers and body.
    static func parse(_ bytes: Data) throws -> Reply {
        guard let end = bytes.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw WireError("no complete response head in \(bytes.count) bytes")
        }

        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw WireError("not an HTTP status line")
        }

        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                continue
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[line[..<colon].lowercased()] = value
        }
        return Reply(status: status, headers: headers, body: Data(bytes[end.upperBound...]))
    }

    private static func connectUnix(_ path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }

        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw WireError("connect to \(path) failed: errno \(errno)")
        }
        return descriptor
    }

    private static func connectTCP(_ port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian

        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw WireError("connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
        return descriptor
    }
}

/// A client-side failure, described without any reply content.
struct WireError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
