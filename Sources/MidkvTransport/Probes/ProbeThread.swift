import Foundation
import Synchronization

/// Runs a probe's blocking work on a thread of its own, so no Swift concurrency thread waits on a
/// socket or a resolver.
enum ProbeThread {
    /// Runs `work` on a new thread and returns its result.
    static func run<Value: Sendable>(
        name: String,
        _ work: @escaping @Sendable () -> Value
    ) async -> Value {
        await withCheckedContinuation { continuation in
            start(name: name) {
                continuation.resume(returning: work())
            }
        }
    }

    /// Runs `work` on a new thread and returns its result, or `fallback` once `timeBox` passes.
    ///
    /// For calls that cannot be interrupted, such as `getaddrinfo`: when the time box wins, the
    /// thread keeps running until the call returns and its result is dropped.
    static func run<Value: Sendable>(
        name: String,
        timeBox: Duration,
        fallback: @escaping @Sendable () -> Value,
        _ work: @escaping @Sendable () -> Value
    ) async -> Value {
        await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let finished = DispatchSemaphore(value: 0)
            start(name: name) {
                once.resume(work())
                finished.signal()
            }

            start(name: name + "-timer") {
                if finished.wait(timeout: .now() + seconds(timeBox)) == .timedOut {
                    once.resume(fallback())
                }
            }
        }
    }

    private static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Resumes a continuation with the first value offered and ignores the rest.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Value) {
        let waiting = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        waiting?.resume(returning: value)
    }
}
