/// A Prometheus histogram of durations in seconds, with fixed bucket bounds.
struct LatencyHistogram: Sendable, Equatable {
    /// The upper bounds of the buckets, in seconds; `+Inf` is implied.
    static let bounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    ]

    /// Observations at or below each bound, in bound order (not cumulative).
    private(set) var counts = [Int](repeating: 0, count: bounds.count)
    /// Every observation.
    private(set) var total = 0
    /// The sum of every observation, in seconds.
    private(set) var sum = 0.0

    /// Adds one observation.
    mutating func observe(_ duration: Duration) {
        let seconds = Self.seconds(duration)
        if let bucket = Self.bounds.firstIndex(where: { seconds <= $0 }) {
            counts[bucket] += 1
        }
        total += 1
        sum += seconds
    }

    /// The cumulative count for each bound, as Prometheus writes them.
    var cumulativeCounts: [Int] {
        var running = 0
        return counts.map { count in
            running += count
            return running
        }
    }

    /// `duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
