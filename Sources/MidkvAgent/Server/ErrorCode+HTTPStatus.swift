import MidkvCore

extension ErrorCode {
    /// The HTTP status the agent answers with when a request fails with this code.
    ///
    /// | Status | Codes |
    /// |---|---|
    /// | 400 | `agent.bad-request`, `credential-id.*` |
    /// | 401 | `vault.unauthorized`, `vault.wrong-tenant`, `vault.wrong-audience`, `vault.challenge-mismatch` |
    /// | 403 | `agent.forbidden-peer`, `vault.forbidden-*`, `vault.secret-disabled` |
    /// | 404 | `agent.not-found`, `vault.secret-not-found` |
    /// | 405 | `agent.method-not-allowed` |
    /// | 422 | `secret.*`: the secret's JSON does not fit the credential type |
    /// | 429 | `vault.throttled` |
    /// | 500 | `agent.internal`, `config.*` |
    /// | 502 | `identity.*`, `network.*` (but timeouts), other `vault.*` |
    /// | 503 | `agent.busy`, `vault.unavailable` |
    /// | 504 | `network.timeout`, `vault.budget-exceeded` |
    public var agentHTTPStatus: Int {
        if let status = Self.exactStatuses[self] {
            return status
        }
        return Self.familyStatuses[family] ?? 502
    }

    private static let exactStatuses: [ErrorCode: Int] = [
        .agentBadRequest: 400,
        .agentForbiddenPeer: 403,
        .agentNotFound: 404,
        .agentMethodNotAllowed: 405,
        .agentBusy: 503,
        .agentInternal: 500,
        .vaultUnauthorized: 401,
        .vaultWrongTenant: 401,
        .vaultWrongAudience: 401,
        .vaultChallengeMismatch: 401,
        .vaultForbiddenRBAC: 403,
        .vaultForbiddenAccessPolicy: 403,
        .vaultForbiddenFirewall: 403,
        .vaultSecretDisabled: 403,
        .vaultSecretNotFound: 404,
        .vaultThrottled: 429,
        .vaultUnavailable: 503,
        .vaultBudgetExceeded: 504,
        .networkTimeout: 504,
    ]

    private static let familyStatuses: [String: Int] = [
        "credential-id": 400,
        "secret": 422,
        "config": 500,
        "usage": 500,
        "identity": 502,
        "network": 502,
        "vault": 502,
    ]
}
