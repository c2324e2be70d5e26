import Glibc

/// A point in time a probe must finish by, and the elapsed-time arithmetic probes report.
struct ProbeDeadline: Sendable {
    /// When the time box ends.
    let end: ContinuousClock.Instant

    /// A deadline `timeBox` from now.
    init(_ timeBox: Duration) {
        end = ContinuousClock.now + timeBox
    }

    /// Whether the deadline has passed.
    var hasPassed: Bool {
        ContinuousClock.now >= end
    }

    /// Milliseconds left, rounded up, for `poll`; 0 once passed.
    var pollTimeout: Int32 {
        let left = end - ContinuousClock.now
        guard left > .zero else {
            return 0
        }
        return Int32(clamping: ProbeClock.milliseconds(left) + 1)
    }
}

/// Elapsed-time helpers.
enum ProbeClock {
    /// Whole milliseconds in `duration`.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// Whole milliseconds since `start`.
    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        milliseconds(ContinuousClock.now - start)
    }
}
