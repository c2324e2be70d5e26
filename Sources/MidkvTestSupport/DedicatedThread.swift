import Foundation

/// Runs blocking work (socket calls, process waits) on a thread of its own and awaits the result,
/// so tests never block Swift's cooperative pool.
public func onDedicatedThread<Value: Sendable>(
    _ work: @escaping @Sendable () throws -> Value
) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }
}
