import MidkvCore

extension ErrorCode {
    /// A check, or part of one, did not run because an earlier one failed or it needs something
    /// not given (severity note). The message and evidence say what was skipped and why.
    public static let doctorSkipped = ErrorCode("doctor.skipped")
}

extension Finding {
    /// The note that `what`, part of `check`, did not run, and why.
    ///
    /// - Parameters:
    ///   - check: The check that would have run, such as `identity`.
    ///   - what: What was skipped, such as `token request` or a credential.
    ///   - reason: Why, naming the earlier finding's code where there is one.
    public static func skipped(_ check: String, _ what: some CustomStringConvertible, because reason: String) -> Finding
    {
        Finding(
            check: check,
            severity: .note,
            code: .doctorSkipped,
            message: "Skipped \(what): \(reason)",
            evidence: [Evidence("skipped", what.description), Evidence("reason", reason)],
            fix: "Fix what the reason names, then run the doctor again."
        )
    }

    /// Whether this is the note of a skipped check.
    public var isSkipped: Bool {
        code == .doctorSkipped
    }
}
