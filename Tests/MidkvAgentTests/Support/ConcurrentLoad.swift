import Dispatch
import Foundation
import MidkvTestSupport
import Synchronization

/// Runs many blocking client calls on a bounded number of threads that all start at once.
enum ConcurrentLoad {
    /// Calls `work` for every index below `count`, `threads` at a time, and returns the
    /// results in index order.
    static func run<Value: Sendable>(
        count: Int,
        threads: Int,
        _ work: @escaping @Sendable (Int) throws -> Value
    ) async throws -> [Result<Value, any Error>] {
        try await onDedicatedThread {
            let shared = Shared<Value>(count: count)
            let start = DispatchSemaphore(value: 0)
            let ready = DispatchGroup()
            let done = DispatchGroup()

            for _ in 0..<threads {
                ready.enter()
                done.enter()
                let thread = Thread {
                    ready.leave()
                    start.wait()
                    while let index = shared.nextIndex() {
                        shared.store(index, Result { try work(index) })
                    }
                    done.leave()
                }
                thread.stackSize = 256 * 1024
                thread.start()
            }

            ready.wait()
            for _ in 0..<threads {
                start.signal()
            }
            done.wait()
            return shared.results
        }
    }

    /// The next index to run and the results so far.
    private final class Shared<Value: Sendable>: Sendable {
        private let count: Int
        private let state: Mutex<(next: Int, results: [Result<Value, any Error>?])>

        init(count: Int) {
            self.count = count
            self.state = Mutex((0, Array(repeating: nil, count: count)))
        }

        func nextIndex() -> Int? {
            state.withLock { state in
                guard state.next < count else {
                    return nil
                }
                defer { state.next += 1 }
                return state.next
            }
        }

        func store(_ index: Int, _ result: Result<Value, any Error>) {
            state.withLock { $0.results[index] = result }
        }

        var results: [Result<Value, any Error>] {
            state.withLock { $0.results.compactMap { $0 } }
        }
    }
}
