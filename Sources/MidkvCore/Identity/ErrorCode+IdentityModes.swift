// The codes of the sign-in modes without a client secret: client certificate, workload
// identity federation and Azure Arc. Each constant's doc comment says when it applies;
// docs/identity.md lists them with their fixes.

extension ErrorCode {
    // MARK: - Mode selection

    /// A credential is configured that the chosen sign-in mode does not use.
    public static let configCredentialIgnored = ErrorCode("config.credential-ignored")

    // MARK: - Client certificate

    /// The certificate or key file is missing, unreadable, or holds no certificate or key.
    public static let identityCertificateUnreadable = ErrorCode("identity.certificate-unreadable")
    /// The private key is not the key of the certificate.
    public static let identityCertificateKeyMismatch = ErrorCode("identity.certificate-key-mismatch")
    /// The certificate's end date has passed.
    public static let identityCertificateExpired = ErrorCode("identity.certificate-expired")
    /// The certificate's start date is still to come.
    public static let identityCertificateNotYetValid = ErrorCode("identity.certificate-not-yet-valid")
    /// The certificate ends within 30 days (a warning).
    public static let identityCertificateExpiring = ErrorCode("identity.certificate-expiring")
    /// The certificate and key are usable (a passed check).
    public static let identityCertificateValid = ErrorCode("identity.certificate-valid")
    /// The key is not RSA: Entra ID accepts RSA keys only.
    public static let identityUnsupportedKey = ErrorCode("identity.unsupported-key")
    /// The private key is encrypted and no passphrase is configured.
    public static let identityPassphraseRequired = ErrorCode("identity.passphrase-required")
    /// The configured passphrase does not decrypt the private key.
    public static let identityWrongPassphrase = ErrorCode("identity.wrong-passphrase")
    /// AADSTS700027: the certificate is not registered on the app, or the signature is wrong.
    public static let identityCertificateNotRegistered = ErrorCode("identity.certificate-not-registered")
    /// AADSTS700024: the assertion is outside its validity window, so a clock is wrong.
    public static let identityClockSkew = ErrorCode("identity.clock-skew")
    /// Entra ID refused the client assertion for another reason (audience, issuer, format).
    public static let identityAssertionRejected = ErrorCode("identity.assertion-rejected")

    // MARK: - Workload identity federation

    /// The federated token file is absent or unreadable.
    public static let identityFederatedTokenMissing = ErrorCode("identity.federated-token-missing")
    /// The federated token file is empty.
    public static let identityFederatedTokenEmpty = ErrorCode("identity.federated-token-empty")
    /// The federated token file does not hold a JWT.
    public static let identityFederatedTokenMalformed = ErrorCode("identity.federated-token-malformed")
    /// The token in the federated token file has expired.
    public static let identityFederatedTokenExpired = ErrorCode("identity.federated-token-expired")
    /// The federated token file holds a current token (a passed check).
    public static let identityFederatedTokenValid = ErrorCode("identity.federated-token-valid")
    /// AADSTS70021 and relatives: no federated credential on the app matches the token.
    public static let identityNoFederatedCredential = ErrorCode("identity.no-federated-credential")

    // MARK: - Azure Arc

    /// Nothing answered at the Arc agent's identity endpoint.
    public static let identityArcAgentAbsent = ErrorCode("identity.arc-agent-absent")
    /// The agent's key file may not be read by this user (not in the `himds` group).
    public static let identityArcKeyFileDenied = ErrorCode("identity.arc-key-file-denied")
    /// The agent's challenge is missing or names a file midkv must not read.
    public static let identityArcChallengeInvalid = ErrorCode("identity.arc-challenge-invalid")
    /// The Arc agent answers and its key file is readable (a passed check).
    public static let identityArcAgentReady = ErrorCode("identity.arc-agent-ready")
}
