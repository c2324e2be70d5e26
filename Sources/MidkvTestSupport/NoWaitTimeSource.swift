import Foundation
import MidkvCore
import Synchronization

/// A clock that tells the real time but skips every wait, recording what was asked for, so
/// retry and back-off paths run in tests without sleeping.
public final class NoWaitTimeSource: TimeSource {
    private let waits = Mutex<[Duration]>([])

    /// Creates a clock.
    public init() {}

    public var now: ContinuousClock.Instant {
        ContinuousClock.now
    }

    public var date: Date {
        Date()
    }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        waits.withLock { $0.append(duration) }
    }

    /// The waits skipped so far, in order.
    public var skippedWaits: [Duration] {
        waits.withLock { $0 }
    }
}
