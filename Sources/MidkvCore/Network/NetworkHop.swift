/// One of the services midkv talks to, named so that a network failure can say where it happened
/// and what usually breaks on the way there.
public enum NetworkHop: String, Sendable, CaseIterable {
    /// The Entra ID token endpoint (`login.microsoftonline.com` or a sovereign cloud's host).
    case tokenHost = "token-host"
    /// A Key Vault host (`{vault}.vault.azure.net`).
    case vaultHost = "vault-host"
    /// The Azure instance metadata service (IMDS) at 169.254.169.254.
    case imds
    /// The App Service / Functions managed identity endpoint (`IDENTITY_ENDPOINT`).
    case appServiceIdentity = "app-service-identity"

    /// How the hop is named in messages: "the Entra ID token endpoint".
    public var displayName: String {
        switch self {
        case .tokenHost: "the Entra ID token endpoint"
        case .vaultHost: "the Key Vault host"
        case .imds: "the Azure instance metadata service (IMDS)"
        case .appServiceIdentity: "the App Service managed identity endpoint"
        }
    }

    /// Whether the hop is a managed identity endpoint that must be reached without a proxy.
    public var isManagedIdentity: Bool {
        self == .imds || self == .appServiceIdentity
    }

    /// What to allow through firewalls and proxies for this hop, as an admin would phrase it.
    var egressAdvice: String {
        switch self {
        case .tokenHost:
            "allow outbound HTTPS (TCP 443) from the MID Server host to the Entra ID login host"
        case .vaultHost:
            "allow outbound HTTPS (TCP 443) from the MID Server host to the vault host"
        case .imds:
            "make sure 169.254.169.254:80 is reachable directly, without a proxy"
        case .appServiceIdentity:
            "make sure IDENTITY_ENDPOINT is reachable directly, without a proxy"
        }
    }

    /// ``egressAdvice`` as the start of a sentence.
    var egressFix: String {
        egressAdvice.prefix(1).uppercased() + egressAdvice.dropFirst()
    }

    /// ``displayName`` as the start of a sentence.
    var capitalizedName: String {
        displayName.prefix(1).uppercased() + displayName.dropFirst()
    }
}
