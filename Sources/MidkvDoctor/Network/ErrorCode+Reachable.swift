import MidkvCore

extension ErrorCode {
    /// A hop passed every step of the network check.
    public static let networkReachable = ErrorCode("network.reachable")
}
