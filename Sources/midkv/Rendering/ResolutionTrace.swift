import Foundation
import MidkvCore
import Synchronization

/// The steps of one resolution as they were reported, for `midkv test`.
final class ResolutionTrace: Sendable {
    private let events = Mutex<[ResolutionEvent]>([])

    /// Records `event`; pass this as the resolver's observer.
    func record(_ event: ResolutionEvent) {
        events.withLock { $0.append(event) }
    }

    /// The events in the order they came.
    var recorded: [ResolutionEvent] {
        events.withLock { $0 }
    }

    /// One row per step in resolution order: the last event of that step, or `nil` when the step
    /// did not run: the steps after a failed one, and the vault step when no token could be
    /// obtained (the token step's failure says why).
    var rows: [(step: ResolutionEvent.Step, event: ResolutionEvent?)] {
        let seen = recorded
        return ResolutionEvent.Step.allCases.map { step in
            (step, seen.last { $0.step == step })
        }
    }

    /// The failure, when a step failed.
    var failure: (step: ResolutionEvent.Step, error: MidkvError)? {
        for event in recorded {
            if case .failed(let error) = event.outcome {
                return (event.step, error)
            }
        }
        return nil
    }
}

extension ResolutionEvent {
    /// The step's duration in whole milliseconds.
    var milliseconds: Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
