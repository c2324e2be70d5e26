import Glibc

/// A socket call failed in one of the loopback test servers.
public struct LoopbackSocketError: Error, Sendable, CustomStringConvertible {
    /// The call that failed (`bind`, `listen`).
    public var operation: String
    /// The `errno` it left.
    public var code: Int32

    /// Creates an error from the current `errno`.
    init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(code)))"
    }
}
