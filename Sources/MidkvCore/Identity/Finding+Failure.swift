extension Finding {
    /// The finding for any error a sign-in step throws: its ``MidkvError`` as an error
    /// finding, anything else as `identity.failed`.
    init(failure: any Error, check: String) {
        guard let error = failure as? MidkvError else {
            self.init(
                check: check,
                severity: .error,
                code: .identityFailed,
                message: "The check failed: \(failure)",
                fix: "Run the check again with --log-level debug."
            )
            return
        }
        self.init(error: error, check: check, severity: .error)
    }
}
