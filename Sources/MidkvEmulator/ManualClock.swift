import Foundation
import Synchronization

/// A time source that moves only when told to, for tests of expiry and slow answers.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>
    private let waited = Mutex<Duration>(.zero)

    /// Creates a clock showing `start`.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        current = Mutex(start)
    }

    /// The time the clock shows.
    public var now: Date {
        current.withLock { $0 }
    }

    /// The total time spent in ``advance(by:)`` calls.
    public var totalAdvanced: Duration {
        waited.withLock { $0 }
    }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let interval = Double(seconds) + Double(attoseconds) / 1e18
        current.withLock { $0 = $0.addingTimeInterval(interval) }
        waited.withLock { $0 += duration }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
