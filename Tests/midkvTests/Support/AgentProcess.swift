import Foundation
import Glibc
import MidkvTestSupport

/// `midkv agent` running as its own process, confined to loopback, until the test signals it.
final class AgentProcess: Sendable {
    private let child: ChildProcess
    /// The agent's socket.
    let socketPath: String

    /// Starts `midkv agent --socket socketPath` plus `arguments`, and waits for the socket.
    init(socketPath: String, arguments: [String], environment: [String: String] = [:]) async throws {
        self.socketPath = socketPath
        child = try ChildProcess(
            executable: MidkvProcess.binary.path,
            arguments: ["agent", "--socket", socketPath] + arguments,
            environment: [
                "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1", "MIDKV_LOOPBACK_ONLY": "1",
            ].merging(environment) { _, new in new }
        )

        let pid = child.pid
        try await onDedicatedThread {
            for _ in 0..<600 where kill(pid, 0) == 0 && !FileManager.default.fileExists(atPath: socketPath) {
                usleep(50_000)
            }
        }
    }

    /// Whether the socket file exists.
    var socketExists: Bool {
        FileManager.default.fileExists(atPath: socketPath)
    }

    /// Sends `signal` to the agent.
    func send(_ signal: Int32) {
        child.send(signal)
    }

    /// Waits for the agent to exit; returns its status and what it wrote to standard error.
    func waitForExit() async throws -> (status: Int32, stderr: String) {
        let child = self.child
        return try await onDedicatedThread {
            let result = child.finish()
            return (result.status, String(decoding: result.stderr, as: UTF8.self))
        }
    }

    /// Waits until `/metrics` contains `line`; `false` when it never does within 30 seconds.
    func waitForMetric(_ line: String) async throws -> Bool {
        let path = socketPath
        return try await onDedicatedThread {
            let request = Data("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
            for _ in 0..<600 {
                let (_, body) = try UnixHTTPExchange.send(request, to: path)
                if String(decoding: body, as: UTF8.self).split(separator: "\n").contains(Substring(line)) {
                    return true
                }
                usleep(50_000)
            }
            return false
        }
    }

    /// Posts a resolve request over the socket and returns the status and body.
    func resolve(_ id: String, type: String) async throws -> (status: Int, body: Data) {
        let path = socketPath
        return try await onDedicatedThread {
            let body = #"{"id":"\#(id)","type":"\#(type)","ip":"10.1.2.3","mid":"mid-dc-ams-01"}"#
            let request =
                "POST /v1/resolve HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Connection: close\r\n\r\n\(body)"
            return try UnixHTTPExchange.send(Data(request.utf8), to: path)
        }
    }
}

/// One HTTP exchange over a Unix socket with blocking calls; run it on a dedicated thread.
enum UnixHTTPExchange {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `request` and reads until the peer closes; returns the status and the body.
    static func send(_ request: Data, to path: String) throws -> (status: Int, body: Data) {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            throw Failure(description: "connect failed: errno \(errno)")
        }

        _ = request.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while case let count = recv(descriptor, &buffer, buffer.count, 0), count > 0 {
            response.append(contentsOf: buffer[0..<count])
        }
        return try parse(response)
    }

    private static func parse(_ response: Data) throws -> (status: Int, body: Data) {
        guard let end = response.firstRange(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no complete response head")
        }
        let statusLine = String(decoding: response[..<end.lowerBound], as: UTF8.self).prefix { $0 != "\r" }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw Failure(description: "not an HTTP status line")
        }
        return (status, Data(response[end.upperBound...]))
    }
}
