import Foundation

/// Tells the time and waits, so deadlines, retries and token lifetimes can run on virtual time.
///
/// Deadlines are measured on the monotonic clock (``now``); token and secret expiry dates are
/// compared with the wall clock (``date``). Tests substitute a source whose ``sleep(for:)``
/// records the wait and returns at once.
public protocol TimeSource: Sendable {
    /// The current monotonic instant, the clock every deadline is measured on.
    var now: ContinuousClock.Instant { get }

    /// The current wall-clock time.
    var date: Date { get }

    /// Waits for `duration`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(for duration: Duration) async throws
}

/// The real clocks: `ContinuousClock` for instants, `Date()` for wall time, `Task.sleep` to wait.
public struct SystemTimeSource: TimeSource {
    /// Creates the system time source.
    public init() {}

    public var now: ContinuousClock.Instant {
        ContinuousClock.now
    }

    public var date: Date {
        Date()
    }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
