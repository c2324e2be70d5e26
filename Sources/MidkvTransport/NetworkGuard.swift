import Foundation
import Synchronization

/// A process-wide switch that confines every ``CurlHTTPClient`` to loopback addresses.
///
/// Test suites call ``confineToLoopback()`` once, or a parent process sets the environment
/// variable `MIDKV_LOOPBACK_ONLY=1` for its children; from then on no client in the process opens
/// a socket to an address outside 127.0.0.0/8 and ::1, whatever its configuration says. Each
/// refused connection attempt is kept in ``blockedAttempts`` so a suite can prove afterwards
/// that nothing tried to leave the machine.
public enum NetworkGuard {
    /// One connection attempt the guard refused.
    public struct BlockedAttempt: Sendable, Equatable {
        /// The host name of the request URL.
        public var host: String
        /// The address the connection would have gone to (`192.0.2.1`, `2001:db8::1`).
        public var address: String
        /// When the attempt was refused.
        public var time: Date

        /// Creates a record.
        public init(host: String, address: String, time: Date) {
            self.host = host
            self.address = address
            self.time = time
        }
    }

    private static let confined = Atomic<Bool>(
        ProcessInfo.processInfo.environment["MIDKV_LOOPBACK_ONLY"] == "1"
    )
    private static let attempts = Mutex<[BlockedAttempt]>([])

    /// Confines every client in this process to loopback addresses, for the rest of its life.
    public static func confineToLoopback() {
        confined.store(true, ordering: .sequentiallyConsistent)
    }

    /// Whether the process is confined: ``confineToLoopback()`` was called, or
    /// `MIDKV_LOOPBACK_ONLY=1` was set when the process started.
    public static var isConfined: Bool {
        confined.load(ordering: .sequentiallyConsistent)
    }

    /// Every connection attempt refused so far, by any client, in order.
    public static var blockedAttempts: [BlockedAttempt] {
        attempts.withLock { $0 }
    }

    static func record(_ attempt: BlockedAttempt) {
        attempts.withLock { $0.append(attempt) }
    }
}
