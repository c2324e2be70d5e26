import Foundation
import MidkvCore
import Synchronization

/// A clock that stands still until the test moves it, so cache ages are exact.
final class ManualTimeSource: TimeSource {
    private let startInstant = ContinuousClock.now
    private let startDate = Date()
    private let offset = Mutex(Duration.zero)

    var now: ContinuousClock.Instant {
        startInstant + offset.withLock { $0 }
    }

    var date: Date {
        let (seconds, _) = offset.withLock { $0 }.components
        return startDate.addingTimeInterval(TimeInterval(seconds))
    }

    func sleep(for duration: Duration) async throws {
        advance(by: duration)
    }

    /// Moves the clock forward by `duration`.
    func advance(by duration: Duration) {
        offset.withLock { $0 += duration }
    }
}
