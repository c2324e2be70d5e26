// The codes midkv reports. Each constant's doc comment says when it applies; the README's code
// reference lists the same codes with their fixes.

extension ErrorCode {
    // MARK: - Configuration

    /// config.xml is missing, unreadable or not well-formed XML.
    public static let configUnreadable = ErrorCode("config.unreadable")
    /// An element other than `<parameter>` inside `<parameters>`.
    public static let configUnknownElement = ErrorCode("config.unknown-element")
    /// A parameter name the MID ignores that resembles a real one.
    public static let configUnknownParameter = ErrorCode("config.unknown-parameter")
    /// A needed parameter exists only inside an XML comment.
    public static let configCommentedOut = ErrorCode("config.commented-out")
    /// The same parameter appears more than once.
    public static let configDuplicateParameter = ErrorCode("config.duplicate-parameter")
    /// A parameter the chosen authentication mode needs is absent.
    public static let configMissingParameter = ErrorCode("config.missing-parameter")
    /// A value is empty or still a template placeholder such as `<tenant_id>`.
    public static let configPlaceholder = ErrorCode("config.placeholder")
    /// A tenant or client ID that is not a GUID.
    public static let configInvalidGUID = ErrorCode("config.invalid-guid")
    /// A GUID where the client secret value belongs (the secret's ID was pasted).
    public static let configSecretLooksLikeID = ErrorCode("config.secret-looks-like-id")
    /// `vault_name` breaks Key Vault's naming rules.
    public static let configInvalidVaultName = ErrorCode("config.invalid-vault-name")
    /// Token URL, scope and vault host belong to different Azure clouds.
    public static let configCloudMismatch = ErrorCode("config.cloud-mismatch")
    /// The running MID has not loaded this config.xml.
    public static let configNotLoaded = ErrorCode("config.not-loaded")
    /// A plain-text secret in a file other users can read.
    public static let configExposedSecret = ErrorCode("config.exposed-secret")
    /// A value the MID encrypted (`encrypted:…`, `ENCv2[…]`), with no other source for it.
    public static let configEncryptedValue = ErrorCode("config.encrypted-value")
    /// A value that cannot be used as given: a bad URL, port, number or boolean.
    public static let configInvalidValue = ErrorCode("config.invalid-value")

    // MARK: - Network

    /// The host name does not resolve, or no resolver answered.
    public static let networkDNS = ErrorCode("network.dns")
    /// The connection was refused.
    public static let networkRefused = ErrorCode("network.refused")
    /// Connecting or reading timed out.
    public static let networkTimeout = ErrorCode("network.timeout")
    /// The peer or a middlebox reset the connection.
    public static let networkReset = ErrorCode("network.reset")
    /// The server's certificate is not trusted.
    public static let networkTLSUntrusted = ErrorCode("network.tls-untrusted")
    /// The certificate chain was issued by an unexpected CA: TLS inspection.
    public static let networkTLSIntercepted = ErrorCode("network.tls-intercepted")
    /// The certificate does not name the host that was asked for.
    public static let networkTLSHostnameMismatch = ErrorCode("network.tls-hostname-mismatch")
    /// The TLS handshake failed for another reason.
    public static let networkTLSFailed = ErrorCode("network.tls-failed")
    /// The proxy refused or failed the CONNECT, or could not be reached.
    public static let networkProxy = ErrorCode("network.proxy")
    /// A managed identity request went through a proxy.
    public static let networkIMDSProxied = ErrorCode("network.imds-proxied")
    /// The instance metadata service cannot be reached: not an Azure VM.
    public static let networkIMDSUnreachable = ErrorCode("network.imds-unreachable")
    /// A plain `http://` URL to a host that is not loopback.
    public static let networkInsecureURL = ErrorCode("network.insecure-url")
    /// A connection to a non-loopback address while midkv is confined to loopback.
    public static let networkNonLoopbackBlocked = ErrorCode("network.non-loopback-blocked")
    /// The server answered with something that is not HTTP or not the expected service.
    public static let networkProtocol = ErrorCode("network.protocol")
    /// Another transport failure.
    public static let networkFailed = ErrorCode("network.failed")
    /// A hop passed every step of the network check (an `ok` finding).
    public static let networkReachable = ErrorCode("network.reachable")

    // MARK: - Identity

    /// AADSTS7000215: the client secret is wrong.
    public static let identityInvalidSecret = ErrorCode("identity.invalid-secret")
    /// AADSTS7000222: the client secret expired.
    public static let identitySecretExpired = ErrorCode("identity.secret-expired")
    /// AADSTS700016: no such application in the tenant.
    public static let identityAppNotFound = ErrorCode("identity.app-not-found")
    /// AADSTS90002 and relatives: the tenant does not exist or is malformed.
    public static let identityTenantNotFound = ErrorCode("identity.tenant-not-found")
    /// AADSTS900382: token request across clouds.
    public static let identityCrossCloud = ErrorCode("identity.cross-cloud")
    /// AADSTS500011 / 70011: the scope or resource is not known.
    public static let identityInvalidScope = ErrorCode("identity.invalid-scope")
    /// The VM or App Service has no matching managed identity.
    public static let identityNoManagedIdentity = ErrorCode("identity.no-managed-identity")
    /// Another token failure.
    public static let identityFailed = ErrorCode("identity.failed")

    // MARK: - Key Vault

    /// AKV10032: the token's tenant is not the vault's tenant.
    public static let vaultWrongTenant = ErrorCode("vault.wrong-tenant")
    /// AKV10022: the token's audience is not this vault's cloud.
    public static let vaultWrongAudience = ErrorCode("vault.wrong-audience")
    /// Another 401 from Key Vault, such as an expired token.
    public static let vaultUnauthorized = ErrorCode("vault.unauthorized")
    /// The vault's challenge names a resource that does not match the vault host.
    public static let vaultChallengeMismatch = ErrorCode("vault.challenge-mismatch")
    /// 403 ForbiddenByRbac: no role assignment grants the read.
    public static let vaultForbiddenRBAC = ErrorCode("vault.forbidden-rbac")
    /// 403 AccessDenied: no access policy grants the read.
    public static let vaultForbiddenAccessPolicy = ErrorCode("vault.forbidden-access-policy")
    /// 403 ForbiddenByFirewall: the vault's network rules reject the caller's address.
    public static let vaultForbiddenFirewall = ErrorCode("vault.forbidden-firewall")
    /// 404 SecretNotFound.
    public static let vaultSecretNotFound = ErrorCode("vault.secret-not-found")
    /// 403 SecretDisabled: the current version is disabled.
    public static let vaultSecretDisabled = ErrorCode("vault.secret-disabled")
    /// The secret's `exp` has passed (Key Vault still serves it).
    public static let vaultSecretExpired = ErrorCode("vault.secret-expired")
    /// The secret's `nbf` is in the future (Key Vault still serves it).
    public static let vaultSecretNotYetValid = ErrorCode("vault.secret-not-yet-valid")
    /// 429 Throttled, after retries.
    public static let vaultThrottled = ErrorCode("vault.throttled")
    /// 400 BadParameter or another request the vault rejected.
    public static let vaultBadRequest = ErrorCode("vault.bad-request")
    /// 5xx from Key Vault, after retries.
    public static let vaultUnavailable = ErrorCode("vault.unavailable")
    /// The whole resolution ran past its time budget.
    public static let vaultBudgetExceeded = ErrorCode("vault.budget-exceeded")
    /// Another Key Vault failure.
    public static let vaultFailed = ErrorCode("vault.failed")

    // MARK: - Credential ID

    /// The secret or vault part breaks Key Vault's naming rules.
    public static let credentialIDInvalidName = ErrorCode("credential-id.invalid-name")
    /// No vault: `vault_name` is not set and the ID has no `:<vault>` part.
    public static let credentialIDMissingVault = ErrorCode("credential-id.missing-vault")
    /// `vault_name` is set and the ID names a vault too.
    public static let credentialIDVaultConflict = ErrorCode("credential-id.vault-conflict")
    /// A URL, host name, version suffix or reversed `vault:secret` instead of a name.
    public static let credentialIDNotAName = ErrorCode("credential-id.not-a-name")

    // MARK: - Secret value

    /// The secret's value is not JSON.
    public static let secretNotJSON = ErrorCode("secret.not-json")
    /// The JSON `type` is not a credential type midkv knows.
    public static let secretUnknownType = ErrorCode("secret.unknown-type")
    /// The JSON `type` does not fit the requested credential type.
    public static let secretTypeMismatch = ErrorCode("secret.type-mismatch")
    /// A field the credential type needs is absent or empty.
    public static let secretMissingField = ErrorCode("secret.missing-field")
    /// A field holds a number, boolean, array or object where a string belongs.
    public static let secretWrongFieldType = ErrorCode("secret.wrong-field-type")
    /// A field name the credential type does not use.
    public static let secretUnknownField = ErrorCode("secret.unknown-field")
    /// One of two accepted spellings of a field or type was used.
    public static let secretAliasUsed = ErrorCode("secret.alias-used")

    // MARK: - Usage

    /// The command line could not be understood.
    public static let usageInvalid = ErrorCode("usage.invalid")
}
