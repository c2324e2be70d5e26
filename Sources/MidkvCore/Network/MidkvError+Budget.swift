extension MidkvError {
    /// The error for a deadline that passed while `activity` was still under way.
    ///
    /// - Parameters:
    ///   - activity: what was being done, such as "reading secret db from kv-contoso".
    ///   - attempts: how many requests had been sent.
    ///   - last: the failure the last attempt produced, if any; its code and message become evidence.
    static func budgetExceeded(while activity: String, attempts: Int, last: MidkvError?) -> MidkvError {
        var evidence = [Evidence("attempts", "\(attempts)")]
        if let last {
            evidence.append(Evidence("last failure", "\(last.code): \(last.message)"))
            evidence += last.evidence.filter { $0.label != "attempts" }
        }
        return MidkvError(
            .vaultBudgetExceeded,
            "The time budget ran out while \(activity)",
            evidence: evidence,
            cause: """
                Every attempt so far failed or was slow, and no time was left for another. The \
                MID Server waits only a limited time for a credential.
                """,
            fix: """
                Fix the failure shown as evidence; if the services are merely slow, allow a \
                longer resolution budget.
                """,
            underlying: last
        )
    }
}
