import Glibc

/// A loopback port whose accept queue is already full, so the kernel drops new connection
/// attempts and clients see a connect time-out rather than a refusal.
public final class BlackholeListener: Sendable {
    /// The address (`127.0.0.1`).
    public let host: String
    /// The port that swallows connection attempts.
    public let port: Int
    private let listener: Int32
    private let filler: Int32

    /// Listens with a backlog of zero on `host` and fills the queue with one connection.
    public init(host: String = "127.0.0.1") throws {
        let bound = try LoopbackSocket.listen(host: host, backlog: 0)
        do {
            self.filler = try LoopbackSocket.connect(host: host, port: bound.port)
        } catch {
            close(bound.descriptor)
            throw error
        }

        self.host = host
        self.port = bound.port
        self.listener = bound.descriptor
    }

    deinit {
        close(filler)
        close(listener)
    }
}
