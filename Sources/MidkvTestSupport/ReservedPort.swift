import Glibc

/// A loopback port that is bound but not listening, so every connection to it is refused.
///
/// Holding the port keeps any other test from taking it, which makes "connection refused"
/// deterministic even while tests run in parallel.
public final class ReservedPort: Sendable {
    /// The address (`127.0.0.1`).
    public let host: String
    /// The reserved port.
    public let port: Int
    private let descriptor: Int32

    /// Reserves a port the system picks on `host`.
    public init(host: String = "127.0.0.1") throws {
        let bound = try LoopbackSocket.bind(host: host)
        self.host = host
        self.port = bound.port
        self.descriptor = bound.descriptor
    }

    deinit {
        close(descriptor)
    }
}
