/// One of the Azure clouds, with the host names and resource identifiers that tell them apart.
///
/// A vault belongs to one cloud: its DNS suffix, the login host in its challenge and the token
/// audience it accepts all come from here. The seed file spells the cases `public`, `china`,
/// `usgov` and `germany`.
public enum AzureCloud: String, Sendable, Codable, CaseIterable {
    /// Azure public (global) cloud.
    case `public`
    /// Azure China, operated by 21Vianet.
    case china
    /// Azure US Government.
    case usgov
    /// Azure Germany (closed, kept for configurations that still name it).
    case germany

    /// The DNS suffix of vault hosts, such as `vault.azure.net`.
    public var vaultSuffix: String {
        switch self {
        case .public: "vault.azure.net"
        case .china: "vault.azure.cn"
        case .usgov: "vault.usgovcloudapi.net"
        case .germany: "vault.microsoftazure.de"
        }
    }

    /// The Key Vault token resource, such as `https://vault.azure.net` (no trailing slash).
    public var vaultResource: String {
        "https://\(vaultSuffix)"
    }

    /// The login host the cloud's SDKs use by default.
    public var loginHost: String {
        switch self {
        case .public: "login.microsoftonline.com"
        case .china: "login.chinacloudapi.cn"
        case .usgov: "login.microsoftonline.us"
        case .germany: "login.microsoftonline.de"
        }
    }

    /// Every login host name that answers for this cloud.
    public var loginHostAliases: [String] {
        switch self {
        case .public:
            ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"]
        case .china:
            ["login.chinacloudapi.cn", "login.partner.microsoftonline.cn"]
        case .usgov:
            ["login.microsoftonline.us", "login.usgovcloudapi.net"]
        case .germany:
            ["login.microsoftonline.de"]
        }
    }

    /// The login host a vault names in its `WWW-Authenticate` challenge.
    public var challengeLoginHost: String {
        self == .public ? "login.windows.net" : loginHost
    }

    /// The issuer of access tokens for `tenant`, as the `iss` claim carries it.
    public func issuer(tenant: String) -> String {
        switch self {
        case .public: "https://sts.windows.net/\(tenant)/"
        case .china: "https://sts.chinacloudapi.cn/\(tenant)/"
        case .usgov: "https://login.microsoftonline.us/\(tenant)/"
        case .germany: "https://sts.microsoftonline.de/\(tenant)/"
        }
    }

    /// The resources Entra ID issues tokens for in this cloud (Key Vault, Resource Manager, Graph).
    public var knownResources: [String] {
        switch self {
        case .public:
            [
                vaultResource, "https://management.azure.com", "https://management.core.windows.net",
                "https://graph.microsoft.com", "https://storage.azure.com",
            ]
        case .china:
            [vaultResource, "https://management.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"]
        case .usgov:
            [vaultResource, "https://management.usgovcloudapi.net", "https://graph.microsoft.us"]
        case .germany:
            [vaultResource, "https://management.microsoftazure.de", "https://graph.microsoft.de"]
        }
    }

    /// The `cloud_instance_name` of the cloud's OpenID configuration.
    var cloudInstanceName: String {
        switch self {
        case .public: "microsoftonline.com"
        case .china: "partner.microsoftonline.cn"
        case .usgov: "microsoftonline.us"
        case .germany: "microsoftonline.de"
        }
    }

    /// The cloud whose login host is `host` (lower-case), if any.
    public static func forLoginHost(_ host: String) -> AzureCloud? {
        allCases.first { $0.loginHostAliases.contains(host) }
    }

    /// The cloud that issues tokens for `resource`, compared without case or trailing `/`.
    public static func forResource(_ resource: String) -> AzureCloud? {
        let wanted = normalizedResource(resource)
        return allCases.first { cloud in
            cloud.knownResources.contains { normalizedResource($0) == wanted }
        }
    }

    /// `resource` lower-cased and without trailing slashes, for comparisons.
    static func normalizedResource(_ resource: String) -> String {
        var trimmed = resource.lowercased()
        while trimmed.hasSuffix("/") {
            trimmed.removeLast()
        }
        return trimmed
    }
}
