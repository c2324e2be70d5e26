import Foundation

/// Where the emulator reads the time and how it waits.
///
/// Token lifetimes, secret expiry and slow answers all go through the clock, so a test can
/// move time forward with a ``ManualClock`` instead of waiting.
public struct EmulatorClock: Sendable {
    private let readNow: @Sendable () -> Date
    private let wait: @Sendable (Duration) -> Void

    /// Creates a clock from a time source and a way to wait.
    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) -> Void) {
        self.readNow = now
        self.wait = sleep
    }

    /// The system clock; waiting blocks the calling thread.
    public static let system = EmulatorClock(
        now: { Date() },
        sleep: { duration in
            let (seconds, attoseconds) = duration.components
            let interval = Double(seconds) + Double(attoseconds) / 1e18
            Thread.sleep(forTimeInterval: max(0, interval))
        }
    )

    /// A clock that reads `manual`, where waiting moves `manual` forward instead of blocking.
    public static func manual(_ manual: ManualClock) -> EmulatorClock {
        EmulatorClock(now: { manual.now }, sleep: { manual.advance(by: $0) })
    }

    /// The current time.
    public func now() -> Date {
        readNow()
    }

    /// Waits for `duration`.
    public func sleep(for duration: Duration) {
        wait(duration)
    }
}
