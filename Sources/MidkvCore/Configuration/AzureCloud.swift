import Foundation

/// One Azure cloud: the Entra ID login hosts and the Key Vault names that belong together.
///
/// A token from one cloud is useless in another, so the login host, the token scope and the
/// vault's DNS suffix must all come from the same cloud. midkv derives the vault suffix from
/// the scope and uses these lookups to spot mixed clouds.
public struct AzureCloud: Sendable, Hashable, CustomStringConvertible {
    /// A short stable identifier: `public`, `china`, `usgov` or `germany`.
    public let identifier: String
    /// The name people use, such as `Azure US Government`.
    public let name: String
    /// The preferred Entra ID login host, such as `login.microsoftonline.com`.
    public let loginHost: String
    /// Other host names that reach the same Entra ID authority.
    public let loginHostAliases: [String]
    /// The DNS suffix of vault hosts, such as `vault.azure.net`.
    public let vaultSuffix: String

    /// Creates a cloud description.
    public init(identifier: String, name: String, loginHost: String, loginHostAliases: [String], vaultSuffix: String) {
        self.identifier = identifier
        self.name = name
        self.loginHost = loginHost
        self.loginHostAliases = loginHostAliases
        self.vaultSuffix = vaultSuffix
    }

    /// The Key Vault resource identifier that tokens are issued for: `https://<vault suffix>`.
    public var keyVaultResource: String {
        "https://\(vaultSuffix)"
    }

    /// The scope to request a Key Vault token with: the resource plus `/.default`.
    public var defaultScope: String {
        keyVaultResource + "/.default"
    }

    /// The v2.0 token URL template for this cloud, with `%s` standing for the tenant.
    public var tokenURLTemplate: String {
        "https://\(loginHost)/%s/oauth2/v2.0/token"
    }

    /// Every login host of this cloud, the preferred one first.
    public var allLoginHosts: [String] {
        [loginHost] + loginHostAliases
    }

    public var description: String {
        name
    }

    /// The global Azure cloud.
    public static let publicCloud = AzureCloud(
        identifier: "public",
        name: "Azure public cloud",
        loginHost: "login.microsoftonline.com",
        loginHostAliases: ["login.windows.net", "login.microsoft.com", "sts.windows.net"],
        vaultSuffix: "vault.azure.net"
    )

    /// Azure operated by 21Vianet in China.
    public static let china = AzureCloud(
        identifier: "china",
        name: "Azure China",
        loginHost: "login.chinacloudapi.cn",
        loginHostAliases: ["login.partner.microsoftonline.cn"],
        vaultSuffix: "vault.azure.cn"
    )

    /// Azure US Government.
    public static let usGovernment = AzureCloud(
        identifier: "usgov",
        name: "Azure US Government",
        loginHost: "login.microsoftonline.us",
        loginHostAliases: ["login.usgovcloudapi.net"],
        vaultSuffix: "vault.usgovcloudapi.net"
    )

    /// The former Azure Germany cloud (closed, kept so old settings are recognised).
    public static let germany = AzureCloud(
        identifier: "germany",
        name: "Azure Germany",
        loginHost: "login.microsoftonline.de",
        loginHostAliases: [],
        vaultSuffix: "vault.microsoftazure.de"
    )

    /// All known clouds, the public cloud first.
    public static let all: [AzureCloud] = [.publicCloud, .china, .usGovernment, .germany]
}
