import MidkvCore

// Codes the MID agent log scan reports, family `log`. Each constant's doc comment says which log
// records produce it.

extension ErrorCode {
    // MARK: - Signatures in log records

    /// The Azure token manager or the credential resolver logged `tenantId=null` or
    /// `clientId=null`: the MID has not loaded the Azure parameters.
    public static let logConfigNotLoaded = ErrorCode("log.config-not-loaded")
    /// A connection to a Key Vault or Entra ID host was reset.
    public static let logConnectionReset = ErrorCode("log.connection-reset")
    /// A connection to a Key Vault or Entra ID host timed out.
    public static let logTimeout = ErrorCode("log.timeout")
    /// A Key Vault or Entra ID host name did not resolve (`UnknownHostException`).
    public static let logUnknownHost = ErrorCode("log.unknown-host")
    /// An external credential arrived with an invalid or empty user name.
    public static let logInvalidUsername = ErrorCode("log.invalid-username")
    /// The MID could not load a credential resolver class.
    public static let logResolverMissing = ErrorCode("log.resolver-missing")
    /// The resolver reported an API version the MID does not support.
    public static let logUnsupportedAPIVersion = ErrorCode("log.unsupported-api-version")
    /// Another `Problem with client's CredentialResolver:` record.
    public static let logResolverError = ErrorCode("log.resolver-error")
    /// The certificate chain of a host was not trusted (PKIX, SSL handshake).
    public static let logTLSUntrusted = ErrorCode("log.tls-untrusted")
    /// Entra ID refused a token request with an AADSTS code.
    public static let logTokenError = ErrorCode("log.token-error")
    /// Key Vault refused a token with an AKV code (wrong tenant or audience).
    public static let logTokenRejected = ErrorCode("log.token-rejected")
    /// Key Vault answered 403: `ForbiddenByRbac`, `AccessDenied` or `ForbiddenByFirewall`.
    public static let logForbidden = ErrorCode("log.forbidden")
    /// Key Vault answered `SecretNotFound`.
    public static let logSecretNotFound = ErrorCode("log.secret-not-found")
    /// Key Vault answered `SecretDisabled`.
    public static let logSecretDisabled = ErrorCode("log.secret-disabled")
    /// Key Vault throttled requests (429, `Throttled`, `VaultRequestTypeLimitReached`).
    public static let logThrottled = ErrorCode("log.throttled")

    // MARK: - Files

    /// A log file could not be opened or read.
    public static let logUnreadable = ErrorCode("log.unreadable")
    /// A compressed rotation was skipped.
    public static let logCompressed = ErrorCode("log.compressed")
    /// A file holds no record in either MID agent log layout.
    public static let logUnrecognized = ErrorCode("log.unrecognized")
    /// No known failure was found in the records scanned.
    public static let logClean = ErrorCode("log.clean")
}
