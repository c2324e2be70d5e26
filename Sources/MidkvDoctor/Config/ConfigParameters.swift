import MidkvCore

/// The config.xml parameter names the Azure Key Vault resolver and the MID's proxy read, and the
/// other spellings administrators write for them.
///
/// Only names in the `ext.cred.azure.*` and `mid.proxy.*` families are ever judged: the dozens of
/// ordinary MID parameters (`url`, `name`, `threads.max`, `mid.log.level`, …) are left alone.
enum ConfigParameters {
    static let tenantID = "ext.cred.azure.tenant_id"
    static let clientID = "ext.cred.azure.client_id"
    static let secretKey = "ext.cred.azure.secret_key"
    static let vaultName = "ext.cred.azure.vault_name"
    static let authEndpoint = "ext.cred.azure.vault_auth_endpoint"
    static let scope = "ext.cred.azure.endpoint_scope"

    static let useProxy = "mid.proxy.use_proxy"
    static let instanceUseProxy = "mid.instance.use_proxy"
    static let proxyHost = "mid.proxy.host"
    static let proxyPort = "mid.proxy.port"
    static let proxyUsername = "mid.proxy.username"
    static let proxyPassword = "mid.proxy.password"
    static let proxySecure = "mid.proxy.proxy_secure"

    /// The Azure Key Vault parameters, in the order the documentation lists them, then midkv's own
    /// (certificate files) as the settings catalogue names them.
    static let azure = [vaultName, tenantID, clientID, secretKey, authEndpoint, scope] + midkvOwn

    /// Parameters only midkv reads, from the settings catalogue.
    static let midkvOwn = SettingKey.all.flatMap(\.configParameters).filter { $0.hasPrefix("ext.cred.azure.midkv.") }

    /// The proxy parameters the MID reads.
    static let proxy = [useProxy, instanceUseProxy, proxyHost, proxyPort, proxyUsername, proxyPassword, proxySecure]

    /// Every name this check knows as valid: the above and every parameter the settings read.
    static let known = Set(azure + proxy + SettingKey.all.flatMap(\.configParameters))

    /// Ordinary MID parameters whose names mention a proxy but belong to other features.
    static let unrelated: Set = [
        "mid.upgrade.use_proxy", "glide.mid.autoupgrade.proxy_host", "glide.mid.autoupgrade.proxy_port",
        "glide.mid.autoupgrade.proxy_user", "glide.mid.autoupgrade.proxy_password", "glide.glidesoap.proxy_host",
        "glide.glidesoap.proxy_port",
    ]

    /// Azure parameters that name things rather than hold secrets, even when marked secure.
    static let identifiers: Set = [tenantID, clientID, vaultName, authEndpoint, scope]

    /// Whether a parameter's value is a secret: marked secure, or named like one; never the
    /// tenant, client and vault identifiers.
    static func holdsSecret(_ parameter: MIDConfigParameter) -> Bool {
        let name = parameter.name.lowercased()
        let secretWords = ["password", "secret", "token", "passphrase"]
        guard !identifiers.contains(parameter.name) else {
            return false
        }
        return parameter.isSecure || secretWords.contains { name.contains($0) }
    }

    /// Words that, after an Azure prefix, name one of the Azure parameters. Keys are lower-case
    /// letters and digits only.
    static let azureWords: [String: String] = {
        let groups: [(String, [String])] = [
            (tenantID, ["tenantid", "tenant", "directoryid", "tenantguid", "azuretenantid"]),
            (clientID, ["clientid", "client", "appid", "applicationid", "azureclientid", "clientguid"]),
            (
                secretKey,
                [
                    "secretkey", "clientsecret", "secret", "azureclientsecret", "clientsecretvalue", "secretvalue",
                    "clientkey", "clientpassword", "password", "key",
                ]
            ),
            (
                vaultName,
                ["vaultname", "keyvaultname", "keyvault", "vault", "kvname", "vaulturl", "vaulturi", "keyvaulturl"]
            ),
            (
                authEndpoint,
                [
                    "vaultauthendpoint", "authendpoint", "authorityhost", "authority", "tokenurl", "tokenendpoint",
                    "loginurl", "authurl", "azureauthorityhost",
                ]
            ),
            (scope, ["endpointscope", "scope", "resource", "vaultscope", "audience", "tokenscope"]),
        ]
        return words(groups)
    }()

    /// Words that, after `proxy`, name one of the proxy parameters.
    static let proxyWords: [String: String] = words([
        (proxyHost, ["host", "hostname", "server", "address", "proxyhost", "vaultproxyhost"]),
        (proxyPort, ["port", "proxyport", "vaultproxyport"]),
        (proxyUsername, ["user", "username", "login", "proxyuser", "proxyusername"]),
        (proxyPassword, ["password", "pass", "pwd", "proxypassword"]),
        (useProxy, ["use", "useproxy", "enabled", "enable"]),
    ])

    /// Whole names, without any prefix, that can only mean an Azure parameter: `client_secret`,
    /// `tenantId`, `AZURE_CLIENT_SECRET`.
    static let bareAzureNames: [String: String] = words([
        (tenantID, ["tenantid", "azuretenantid"]),
        (clientID, ["clientid", "azureclientid"]),
        (secretKey, ["clientsecret", "secretkey", "azureclientsecret"]),
        (vaultName, ["vaultname", "keyvaultname", "azurekeyvaultname"]),
        (authEndpoint, ["vaultauthendpoint", "azureauthorityhost"]),
        (scope, ["endpointscope"]),
    ])

    /// Lower-case letters and digits of `text`: `Vault.Name` → `vaultname`.
    static func normalized(_ text: some StringProtocol) -> String {
        String(text.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    private static func words(_ groups: [(String, [String])]) -> [String: String] {
        var table: [String: String] = [:]
        for (canonical, spellings) in groups {
            for spelling in spellings {
                table[spelling] = canonical
            }
        }
        return table
    }
}
