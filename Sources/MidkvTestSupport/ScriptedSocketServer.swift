import Foundation
import Glibc
import Synchronization

/// A raw TCP server on a loopback address that misbehaves on purpose, one scripted behaviour
/// per connection, and records every request byte it receives.
///
/// Each accepted connection gets its own thread, so tests never block Swift's concurrency
/// threads. ``stop()`` (or releasing the server) closes the listener and every connection.
public final class ScriptedSocketServer: Sendable {
    /// What the server does with one connection.
    public enum Behaviour: Sendable, Equatable {
        /// Answers every request on the connection with these raw bytes, keeping it open until
        /// the client closes it.
        case respond(Data)
        /// Answers every request on the connection with `200 OK` and a `text/plain` body that
        /// repeats the request line, so concurrent callers can check they got their own answer.
        case echoRequestLine
        /// Resets the connection as soon as it is accepted, before reading anything.
        case resetOnAccept
        /// Reads one request, then resets the connection.
        case resetAfterRequest
        /// Reads whatever the client sends first (a TLS ClientHello, say), then resets the
        /// connection: a reset in the middle of a TLS handshake.
        case resetAfterFirstBytes
        /// Reads whatever the client sends first, answers with these raw bytes and closes the
        /// connection: plain HTTP on a port where the client expects TLS, for instance.
        case replyToFirstBytes(Data)
        /// Reads one request, then closes the connection normally without answering.
        case closeWithoutReply
        /// Reads one request and never answers, until the client gives up or the server stops.
        case hang
        /// Reads one request, sends these raw bytes (typically a head and part of a body),
        /// then resets the connection.
        case partialThenReset(Data)
    }

    private struct State {
        var connections = 0
        var requests: [RecordedRequest] = []
    }

    private final class Core: Sendable {
        let stop: StopSignal
        let script: [Behaviour]
        let state = Mutex(State())

        init(script: [Behaviour]) throws {
            self.stop = try StopSignal()
            self.script = script
        }
    }

    /// The address the server listens on (`127.0.0.1`).
    public let host: String
    /// The port the system assigned.
    public let port: Int
    private let core: Core

    /// Starts a server that treats every connection the same way.
    public convenience init(_ behaviour: Behaviour, host: String = "127.0.0.1") throws {
        try self.init(script: [behaviour], host: host)
    }

    /// Starts a server whose n-th connection follows `script[n]`; the last entry repeats.
    ///
    /// - Parameter host: A loopback address literal, `127.0.0.1` unless given.
    public init(script: [Behaviour], host: String = "127.0.0.1") throws {
        precondition(!script.isEmpty, "a script needs at least one behaviour")
        let listener = try LoopbackSocket.listen(host: host)
        let core = try Core(script: script)

        self.host = host
        self.port = listener.port
        self.core = core
        Self.spawn(name: "scripted-accept") {
            Self.acceptLoop(listener.descriptor, core: core)
        }
    }

    deinit {
        core.stop.fire()
    }

    /// `http://127.0.0.1:PORT` (brackets for IPv6).
    public var baseURL: URL {
        let authority = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(authority):\(port)")!
    }

    /// How many connections were accepted so far.
    public var connectionCount: Int {
        core.state.withLock { $0.connections }
    }

    /// Every complete request received so far, in arrival order (for the first-bytes
    /// behaviours, the first bytes received).
    public var requests: [RecordedRequest] {
        core.state.withLock { $0.requests }
    }

    /// Closes the listener and every open connection. Safe to call repeatedly.
    public func stop() {
        core.stop.fire()
    }

    /// Waits, without blocking a thread, until at least `count` connections were accepted.
    ///
    /// - Returns: `false` if that did not happen within `timeout`.
    public func waitForConnections(_ count: Int, timeout: Duration = .seconds(30)) async -> Bool {
        await Self.poll(timeout: timeout) { self.connectionCount >= count }
    }

    /// Waits, without blocking a thread, until at least `count` requests were received.
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(30)) async -> Bool {
        await Self.poll(timeout: timeout) { self.requests.count >= count }
    }

    /// The raw bytes of an HTTP/1.1 response with a `Content-Length` header.
    public static func response(
        status: Int,
        reason: String = "OK",
        headers: [(String, String)] = [],
        body: Data = Data()
    ) -> Data {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return Data(head.utf8) + body
    }

    // MARK: - Threads

    static func spawn(name: String, _ work: @escaping @Sendable () -> Void) {
        let thread = Thread(block: work)
        thread.name = name
        thread.stackSize = 256 * 1024
        thread.start()
    }

    static func poll(timeout: Duration, _ condition: @Sendable () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() {
                return true
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    private static func acceptLoop(_ listener: Int32, core: Core) {
        while let connection = LoopbackSocket.accept(listener, stop: core.stop) {
            let index = core.state.withLock { state in
                state.connections += 1
                return state.connections - 1
            }

            let behaviour = core.script[min(index, core.script.count - 1)]
            spawn(name: "scripted-connection") {
                serve(connection, index: index, behaviour: behaviour, core: core)
            }
        }
        close(listener)
    }

    private static func serve(_ connection: Int32, index: Int, behaviour: Behaviour, core: Core) {
        switch behaviour {
        case .resetOnAccept:
            LoopbackSocket.reset(connection)
        case .resetAfterFirstBytes, .replyToFirstBytes:
            serveRawBytes(connection, index: index, behaviour: behaviour, core: core)
        default:
            serveRequests(connection, index: index, behaviour: behaviour, core: core)
        }
    }

    private static func serveRawBytes(_ connection: Int32, index: Int, behaviour: Behaviour, core: Core) {
        guard case .bytes(let bytes) = LoopbackSocket.receive(connection, stop: core.stop) else {
            close(connection)
            return
        }

        record(bytes, index: index, core: core)
        guard case .replyToFirstBytes(let reply) = behaviour else {
            LoopbackSocket.reset(connection)
            return
        }

        LoopbackSocket.sendAll(connection, reply)
        close(connection)
    }

    private static func serveRequests(_ connection: Int32, index: Int, behaviour: Behaviour, core: Core) {

        var reader = RequestReader(descriptor: connection, stop: core.stop)
        guard let first = reader.next() else {
            close(connection)
            return
        }

        record(first, index: index, core: core)
        act(behaviour, on: connection, first: first, reader: &reader, index: index, core: core)
    }

    private static func echo(_ request: Data) -> Data {
        let line = RecordedRequest(connection: 0, bytes: request).requestLine
        return response(status: 200, headers: [("Content-Type", "text/plain")], body: Data(line.utf8))
    }

    private static func act(
        _ behaviour: Behaviour,
        on connection: Int32,
        first: Data,
        reader: inout RequestReader,
        index: Int,
        core: Core
    ) {
        switch behaviour {
        case .respond(let bytes):
            while LoopbackSocket.sendAll(connection, bytes), let next = reader.next() {
                record(next, index: index, core: core)
            }
            close(connection)
        case .echoRequestLine:
            var request: Data? = first
            while let current = request, LoopbackSocket.sendAll(connection, echo(current)) {
                request = reader.next()
                request.map { record($0, index: index, core: core) }
            }
            close(connection)
        case .resetOnAccept, .resetAfterRequest, .resetAfterFirstBytes, .replyToFirstBytes:
            LoopbackSocket.reset(connection)
        case .closeWithoutReply:
            close(connection)
        case .hang:
            while case .bytes = LoopbackSocket.receive(connection, stop: core.stop) {}
            close(connection)
        case .partialThenReset(let bytes):
            LoopbackSocket.sendAll(connection, bytes)
            LoopbackSocket.reset(connection)
        }
    }

    private static func record(_ bytes: Data, index: Int, core: Core) {
        core.state.withLock { $0.requests.append(RecordedRequest(connection: index, bytes: bytes)) }
    }
}
