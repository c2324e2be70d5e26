import Dispatch
import Foundation
import Glibc
import MidkvCrypto
import MidkvSupport
import Synchronization

/// The shared state behind an ``HTTPServer``: listeners, TLS context, counters and the stop signal.
///
/// Accept and connection threads hold this object, never the ``HTTPServer`` itself, so dropping
/// the last reference to the server stops it.
final class ServerCore: Sendable {
    private struct State {
        enum Phase {
            case idle
            case running
            case stopped
        }

        var phase = Phase.idle
        var listeners: [Listener] = []
        var wakeRead: Int32 = -1
        var wakeWrite: Int32 = -1
    }

    let configuration: HTTPServer.Configuration
    let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse
    private let state = Mutex(State())
    private let tlsContext = Mutex<TLSContext?>(nil)
    private let threads = DispatchGroup()

    let accepted = Atomic(0)
    let active = Atomic(0)
    let served = Atomic(0)
    let overloadReplies = Atomic(0)
    let stopping = Atomic(false)

    /// How long `stop()` waits for handlers still running before it returns anyway.
    private static let stopGracePeriod = DispatchTimeInterval.seconds(30)

    init(
        configuration: HTTPServer.Configuration,
        handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse
    ) {
        self.configuration = configuration
        self.handler = handler
    }

    deinit {
        let descriptors = state.withLock { [$0.wakeRead, $0.wakeWrite] }
        for descriptor in descriptors where descriptor >= 0 {
            _ = Glibc.close(descriptor)
        }
    }

    func start() throws {
        try state.withLock { state in
            guard state.phase == .idle else {
                throw HTTPServerError(.invalidState, message: "the server was already started; create a new one")
            }
            state.phase = .stopped

            if let identity = configuration.tls.identity {
                let context = try TLSContext(identity: identity)
                tlsContext.withLock { $0 = context }
            }
            (state.wakeRead, state.wakeWrite) = try makeWakePipe()
            state.listeners = try openListeners()
            state.phase = .running

            _ = ignoreBrokenPipes
            for listener in state.listeners {
                spawn { [self, wakeRead = state.wakeRead] in acceptLoop(listener, wakeDescriptor: wakeRead) }
            }
        }
    }

    func stop() {
        let (listeners, wakeWrite, wasRunning) = state.withLock { state in
            let wasRunning = state.phase == .running
            state.phase = .stopped
            return (state.listeners, state.wakeWrite, wasRunning)
        }
        guard wasRunning else {
            return
        }

        stopping.store(true, ordering: .sequentiallyConsistent)
        var signal: UInt8 = 1
        _ = write(wakeWrite, &signal, 1)

        _ = threads.wait(timeout: .now() + Self.stopGracePeriod)
        for listener in listeners {
            listener.close()
        }
    }

    var tcpPort: UInt16? {
        state.withLock { $0.listeners.lazy.compactMap(\.port).first }
    }

    var currentTLSContext: TLSContext? {
        tlsContext.withLock { $0 }
    }

    func setTLSIdentity(_ identity: TLSIdentity) throws {
        guard configuration.tls.identity != nil else {
            throw HTTPServerError(.tlsSetup, message: "TLS is off for this server; configure .required or .detect")
        }
        let context = try TLSContext(identity: identity)
        tlsContext.withLock { $0 = context }
    }

    var statistics: HTTPServer.Statistics {
        HTTPServer.Statistics(
            connectionsAccepted: accepted.load(ordering: .relaxed),
            activeConnections: active.load(ordering: .relaxed),
            requestsServed: served.load(ordering: .relaxed)
        )
    }

    /// Runs `work` on a new thread that `stop()` waits for.
    func spawn(_ work: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            work()
            threads.leave()
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private func openListeners() throws -> [Listener] {
        var listeners: [Listener] = []
        do {
            for endpoint in configuration.endpoints {
                listeners.append(try Listener.open(endpoint))
            }
            return listeners
        } catch {
            for listener in listeners {
                listener.close()
            }
            throw error
        }
    }

    private func makeWakePipe() throws -> (Int32, Int32) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw HTTPServerError(.socketFailure, errno: errno, message: "creating the stop signal pipe failed")
        }

        for descriptor in descriptors {
            makeNonBlocking(descriptor)
        }
        return (descriptors[0], descriptors[1])
    }
}

/// Writes to a closed connection must fail with EPIPE instead of killing the process; OpenSSL
/// writes through plain `write`, so the signal is ignored process-wide, once.
private let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
}()
