import MidkvCore

extension ErrorCode {
    /// config.xml and the settings passed every offline check (severity ok).
    public static let configValid = ErrorCode("config.valid")
}
