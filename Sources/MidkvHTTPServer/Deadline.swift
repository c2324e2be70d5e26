/// A point in time by which a socket operation must finish.
struct Deadline {
    let instant: ContinuousClock.Instant

    /// The deadline `duration` from now.
    static func after(_ duration: Duration) -> Deadline {
        Deadline(instant: .now + duration)
    }

    /// The milliseconds left, for `poll`: 0 when passed, capped to fit `Int32`.
    var pollTimeout: Int32 {
        let remaining = instant - .now
        guard remaining > .zero else {
            return 0
        }

        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: milliseconds)
    }

    /// Whether the deadline has passed.
    var hasPassed: Bool {
        ContinuousClock.now >= instant
    }
}
