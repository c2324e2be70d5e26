import Foundation

extension AzureCloud {
    /// The cloud whose Entra ID authority is `host` (preferred name or alias), ignoring case
    /// and a trailing dot.
    public static func forLoginHost(_ host: String) -> AzureCloud? {
        let wanted = normalized(host)
        return all.first { cloud in
            cloud.allLoginHosts.contains(wanted)
        }
    }

    /// The cloud of a login URL or token URL template, such as
    /// `https://login.microsoftonline.us/%s/oauth2/v2.0/token`.
    public static func forLoginURL(_ url: String) -> AzureCloud? {
        host(of: url).flatMap(forLoginHost)
    }

    /// The cloud whose Key Vault resource is named by a scope or resource URL, such as
    /// `https://vault.azure.cn/.default` or `https://vault.azure.cn`.
    public static func forResource(_ resourceOrScope: String) -> AzureCloud? {
        guard let host = host(of: resourceOrScope) else {
            return nil
        }
        return all.first { $0.vaultSuffix == host }
    }

    /// The cloud a vault host belongs to, such as `kv-contoso.vault.usgovcloudapi.net`.
    public static func forVaultHost(_ host: String) -> AzureCloud? {
        let wanted = normalized(host)
        return all.first { wanted.hasSuffix("." + $0.vaultSuffix) }
    }

    /// The lower-cased host of an absolute URL; `%s` placeholders are tolerated.
    static func host(of url: String) -> String? {
        let parseable = url.replacingOccurrences(of: "%s", with: "tenant")
        guard let host = URLComponents(string: parseable)?.host, !host.isEmpty else {
            return nil
        }
        return normalized(host)
    }

    private static func normalized(_ host: String) -> String {
        var lowered = host.lowercased()
        if lowered.hasSuffix(".") {
            lowered.removeLast()
        }
        return lowered
    }
}
