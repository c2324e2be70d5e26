import MidkvCore

extension ErrorCode {
    /// A token was obtained; the finding names the principal (severity ok).
    public static let identityTokenAcquired = ErrorCode("identity.token-acquired")
    /// The vault's challenge names the tenant midkv signs in to (severity ok).
    public static let vaultChallengeVerified = ErrorCode("vault.challenge-verified")
}
