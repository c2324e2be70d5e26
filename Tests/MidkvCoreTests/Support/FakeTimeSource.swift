import Foundation
import MidkvCore
import Synchronization

/// Virtual time: sleeping records the wait and moves both clocks forward at once.
final class FakeTimeSource: TimeSource {
    private struct State {
        var now: ContinuousClock.Instant
        var date: Date
        var sleeps: [Duration] = []
    }

    private let state: Mutex<State>

    /// Starts at the real current instant and at `date`.
    init(date: Date = Date(timeIntervalSince1970: 1_764_763_200)) {
        self.state = Mutex(State(now: ContinuousClock.now, date: date))
    }

    var now: ContinuousClock.Instant {
        state.withLock { $0.now }
    }

    var date: Date {
        state.withLock { $0.date }
    }

    /// Every wait asked for, in order.
    var sleeps: [Duration] {
        state.withLock { $0.sleeps }
    }

    /// A deadline `duration` from the virtual now.
    func deadline(in duration: Duration = .seconds(60)) -> ContinuousClock.Instant {
        now + duration
    }

    /// Moves both clocks forward without recording a sleep.
    func advance(by duration: Duration) {
        state.withLock { state in
            state.now += duration
            state.date +=
                TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
        }
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { $0.sleeps.append(duration) }
        advance(by: duration)
    }
}
