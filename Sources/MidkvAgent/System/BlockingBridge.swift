import Dispatch
import Foundation
import Synchronization

/// Crosses between the agent's own threads and Swift concurrency, in both directions, without
/// ever blocking a thread of the cooperative pool.
enum BlockingBridge {
    /// Runs `work` as a task on the cooperative pool and blocks the calling thread until it ends.
    ///
    /// Call it only from threads outside the pool (connection threads, the config watcher,
    /// signal queues): the async work keeps running on the pool while this thread waits.
    static func wait<Value: Sendable>(for work: @escaping @Sendable () async -> Value) -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.store(await work())
            done.signal()
        }

        done.wait()
        return box.take()
    }

    /// Runs blocking `work` on a new thread and suspends, without blocking, until it ends.
    static func onThread<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: work())
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }
}

/// Holds one value handed from a task to a waiting thread.
private final class ResultBox<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func store(_ newValue: Value) {
        value.withLock { $0 = newValue }
    }

    func take() -> Value {
        value.withLock { $0! }
    }
}
