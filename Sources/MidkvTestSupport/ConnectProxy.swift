import Foundation
import Glibc
import MidkvSupport
import Synchronization

/// An HTTP proxy on 127.0.0.1 that understands `CONNECT` only, for testing clients that tunnel
/// through a corporate proxy.
///
/// It never resolves the requested host name: in ``Mode/tunnel(upstreamHost:upstreamPort:)``
/// every tunnel goes to a loopback address chosen by the test. Every `CONNECT` it receives is
/// recorded, with its header fields, before it is answered.
public final class ConnectProxy: Sendable {
    /// How the proxy answers `CONNECT`.
    public enum Mode: Sendable, Equatable {
        /// Opens the tunnel to `upstreamHost` (a loopback literal) on `upstreamPort`, or on the
        /// port named in the `CONNECT` line when `upstreamPort` is `nil`, then relays bytes both
        /// ways.
        case tunnel(upstreamHost: String = "127.0.0.1", upstreamPort: Int? = nil)
        /// Answers every `CONNECT` with this status (403, 407, 502) and closes the connection.
        case refuse(status: Int)
    }

    /// One `CONNECT` request as the proxy received it.
    public struct ConnectRecord: Sendable, Equatable {
        /// The request line (`CONNECT kv-test.vault.azure.net:443 HTTP/1.1`).
        public var line: String
        /// The header fields that followed it.
        public var headers: HTTPHeaders

        /// Creates a record.
        public init(line: String, headers: HTTPHeaders) {
            self.line = line
            self.headers = headers
        }
    }

    private final class Core: Sendable {
        let stop: StopSignal
        let mode: Mode
        let records = Mutex<[ConnectRecord]>([])

        init(mode: Mode) throws {
            self.stop = try StopSignal()
            self.mode = mode
        }
    }

    /// The proxy's port on 127.0.0.1.
    public let port: Int
    private let core: Core

    /// Starts a proxy on 127.0.0.1 with a port the system picks.
    public init(mode: Mode) throws {
        if case .tunnel(let upstreamHost, _) = mode {
            guard LoopbackSocket.isLoopback(upstreamHost) else {
                throw LoopbackSocketError("loopback check", code: EADDRNOTAVAIL)
            }
        }

        let listener = try LoopbackSocket.listen(host: "127.0.0.1")
        let core = try Core(mode: mode)
        self.port = listener.port
        self.core = core
        ScriptedSocketServer.spawn(name: "proxy-accept") {
            Self.acceptLoop(listener.descriptor, core: core)
        }
    }

    deinit {
        core.stop.fire()
    }

    /// The host to configure as the proxy: always `127.0.0.1`.
    public var host: String {
        "127.0.0.1"
    }

    /// Every `CONNECT` received so far, in order.
    public var connects: [ConnectRecord] {
        core.records.withLock { $0 }
    }

    /// The request lines of ``connects``.
    public var connectLines: [String] {
        connects.map(\.line)
    }

    /// Closes the listener, every tunnel and every upstream connection. Safe to call repeatedly.
    public func stop() {
        core.stop.fire()
    }

    // MARK: - Threads

    private static func acceptLoop(_ listener: Int32, core: Core) {
        while let connection = LoopbackSocket.accept(listener, stop: core.stop) {
            ScriptedSocketServer.spawn(name: "proxy-connection") {
                serve(connection, core: core)
            }
        }
        close(listener)
    }

    private static func serve(_ client: Int32, core: Core) {
        var reader = RequestReader(descriptor: client, stop: core.stop)
        guard let request = reader.next() else {
            close(client)
            return
        }

        let record = parse(request)
        core.records.withLock { $0.append(record) }

        guard record.line.hasPrefix("CONNECT ") else {
            answer(client, status: 405)
            return
        }

        switch core.mode {
        case .refuse(let status):
            answer(client, status: status)
        case .tunnel(let upstreamHost, let upstreamPort):
            let port = upstreamPort ?? requestedPort(record.line)
            tunnel(client, to: upstreamHost, port: port, early: reader.takeRemainder(), core: core)
        }
    }

    private static func tunnel(_ client: Int32, to host: String, port: Int?, early: Data, core: Core) {
        guard let port, let upstream = try? LoopbackSocket.connect(host: host, port: port) else {
            answer(client, status: 502)
            return
        }

        LoopbackSocket.sendAll(client, Data("HTTP/1.1 200 Connection established\r\n\r\n".utf8))
        LoopbackSocket.sendAll(upstream, early)
        relay(client, upstream, stop: core.stop)
        close(upstream)
        close(client)
    }

    private static func relay(_ first: Int32, _ second: Int32, stop: StopSignal) {
        var entries = [
            pollfd(fd: first, events: Int16(POLLIN), revents: 0),
            pollfd(fd: second, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while poll(&entries, 3, -1) >= 0, entries[2].revents == 0 {
            for (source, target) in [(0, second), (1, first)] where entries[source].revents != 0 {
                let count = recv(entries[source].fd, &buffer, buffer.count, 0)
                guard count > 0, LoopbackSocket.sendAll(target, Data(buffer[0..<count])) else {
                    return
                }
            }
        }
    }

    private static func answer(_ client: Int32, status: Int) {
        var head = "HTTP/1.1 \(status) \(reason(status))\r\n"
        if status == 407 {
            head += "Proxy-Authenticate: Basic realm=\"test-proxy\"\r\n"
        }
        head += "Content-Length: 0\r\nConnection: close\r\n\r\n"
        LoopbackSocket.sendAll(client, Data(head.utf8))
        close(client)
    }

    private static func parse(_ request: Data) -> ConnectRecord {
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 {
                headers.add(String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return ConnectRecord(line: lines.first ?? "", headers: headers)
    }

    private static func requestedPort(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        guard parts.count >= 2, let colon = parts[1].lastIndex(of: ":") else {
            return nil
        }
        return Int(parts[1][parts[1].index(after: colon)...])
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 403: "Forbidden"
        case 405: "Method Not Allowed"
        case 407: "Proxy Authentication Required"
        case 502: "Bad Gateway"
        default: "Refused"
        }
    }
}
