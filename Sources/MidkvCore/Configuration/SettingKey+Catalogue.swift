// Every setting midkv reads. The report of `midkv config show` lists them in this order.

extension SettingKey {
    /// The Entra ID tenant: a GUID or a domain such as `contoso.onmicrosoft.com`.
    public static let tenantID = SettingKey(
        name: "ext.cred.azure.tenant_id",
        flags: ["--tenant-id"],
        environmentVariables: ["AZURE_TENANT_ID"],
        configParameters: ["ext.cred.azure.tenant_id"],
        supplyHint: "set AZURE_TENANT_ID or pass --tenant-id"
    )

    /// The application (client) ID, or a user-assigned managed identity's client ID.
    public static let clientID = SettingKey(
        name: "ext.cred.azure.client_id",
        flags: ["--client-id"],
        environmentVariables: ["AZURE_CLIENT_ID"],
        configParameters: ["ext.cred.azure.client_id"],
        supplyHint: "set AZURE_CLIENT_ID or pass --client-id"
    )

    /// The client secret's value. The flag names a file holding it, so it never shows in a
    /// process list.
    public static let clientSecret = SettingKey(
        name: "ext.cred.azure.secret_key",
        flags: ["--client-secret-file"],
        environmentVariables: ["AZURE_CLIENT_SECRET"],
        configParameters: ["ext.cred.azure.secret_key"],
        isSecret: true,
        supplyHint: "set AZURE_CLIENT_SECRET or pass --client-secret-file with a file holding the secret"
    )

    /// The PEM file holding the client certificate (and its private key, unless
    /// ``clientCertificateKey`` names another file). The config.xml parameter is midkv's own:
    /// the MID Server neither reads nor knows it.
    public static let clientCertificate = SettingKey(
        name: "client certificate file",
        flags: ["--client-certificate"],
        environmentVariables: ["AZURE_CLIENT_CERTIFICATE_PATH"],
        configParameters: ["ext.cred.azure.midkv.client_certificate_path"],
        supplyHint: "set AZURE_CLIENT_CERTIFICATE_PATH or pass --client-certificate"
    )

    /// A separate PEM file holding the client certificate's private key (midkv's own
    /// parameter, like ``clientCertificate``).
    public static let clientCertificateKey = SettingKey(
        name: "client certificate key file",
        flags: ["--client-certificate-key"],
        environmentVariables: ["MIDKV_CLIENT_CERTIFICATE_KEY_PATH"],
        configParameters: ["ext.cred.azure.midkv.client_certificate_key_path"],
        supplyHint: "set MIDKV_CLIENT_CERTIFICATE_KEY_PATH or pass --client-certificate-key"
    )

    /// The passphrase of an encrypted private key. The flag names a file holding it.
    public static let clientCertificatePassphrase = SettingKey(
        name: "client certificate passphrase",
        flags: ["--client-certificate-passphrase-file"],
        environmentVariables: ["AZURE_CLIENT_CERTIFICATE_PASSWORD"],
        isSecret: true,
        supplyHint: "set AZURE_CLIENT_CERTIFICATE_PASSWORD or pass --client-certificate-passphrase-file with a "
            + "file holding the passphrase"
    )

    /// The signature algorithm of client assertions: `RS256` (default) or `PS256`.
    public static let assertionAlgorithm = SettingKey(
        name: "client assertion algorithm",
        flags: ["--assertion-algorithm"],
        environmentVariables: ["MIDKV_ASSERTION_ALGORITHM"],
        supplyHint: "set MIDKV_ASSERTION_ALGORITHM or pass --assertion-algorithm"
    )

    /// The file holding a federated token (workload identity federation, as on Kubernetes).
    public static let federatedTokenFile = SettingKey(
        name: "AZURE_FEDERATED_TOKEN_FILE",
        flags: ["--federated-token-file"],
        environmentVariables: ["AZURE_FEDERATED_TOKEN_FILE"],
        supplyHint: "set AZURE_FEDERATED_TOKEN_FILE or pass --federated-token-file"
    )

    /// The default vault's name; optional, as a Credential ID may name the vault.
    public static let vaultName = SettingKey(
        name: "ext.cred.azure.vault_name",
        flags: ["--vault-name"],
        environmentVariables: ["MIDKV_VAULT_NAME"],
        configParameters: ["ext.cred.azure.vault_name"],
        supplyHint: "set MIDKV_VAULT_NAME or pass --vault-name"
    )

    /// The token URL with `%s` for the tenant. `AZURE_AUTHORITY_HOST` also sets it when
    /// nothing listed here does.
    public static let tokenURLTemplate = SettingKey(
        name: "ext.cred.azure.vault_auth_endpoint",
        flags: ["--token-url"],
        environmentVariables: ["MIDKV_TOKEN_URL"],
        configParameters: ["ext.cred.azure.vault_auth_endpoint"],
        supplyHint: "set MIDKV_TOKEN_URL or pass --token-url"
    )

    /// The scope a token is requested for.
    public static let scope = SettingKey(
        name: "ext.cred.azure.endpoint_scope",
        flags: ["--scope"],
        environmentVariables: ["MIDKV_SCOPE"],
        configParameters: ["ext.cred.azure.endpoint_scope"],
        supplyHint: "set MIDKV_SCOPE or pass --scope"
    )

    /// The DNS suffix of vault hosts; derived from the scope unless given.
    public static let vaultSuffix = SettingKey(
        name: "vault DNS suffix",
        flags: ["--vault-suffix"],
        environmentVariables: ["MIDKV_VAULT_SUFFIX"],
        supplyHint: "set MIDKV_VAULT_SUFFIX or pass --vault-suffix"
    )

    /// The Key Vault REST API version.
    public static let keyVaultAPIVersion = SettingKey(
        name: "Key Vault API version",
        flags: ["--api-version"],
        environmentVariables: ["MIDKV_KEYVAULT_API_VERSION"],
        supplyHint: "set MIDKV_KEYVAULT_API_VERSION or pass --api-version"
    )

    /// The HTTP proxy for Entra ID and Key Vault. `--no-proxy` turns it off.
    public static let proxy = SettingKey(
        name: "proxy",
        flags: ["--proxy", "--no-proxy"],
        environmentVariables: ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"],
        configParameters: ["mid.proxy.use_proxy", "mid.instance.use_proxy", "mid.proxy.host", "mid.proxy.port"],
        supplyHint: "set https_proxy or pass --proxy http://host:port"
    )

    /// The proxy's user name.
    public static let proxyUsername = SettingKey(
        name: "proxy username",
        flags: ["--proxy"],
        environmentVariables: ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"],
        configParameters: ["mid.proxy.username"],
        supplyHint: "pass --proxy http://user:password@host:port or set https_proxy the same way"
    )

    /// The proxy's password.
    public static let proxyPassword = SettingKey(
        name: "proxy password",
        flags: ["--proxy"],
        environmentVariables: ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"],
        configParameters: ["mid.proxy.password"],
        isSecret: true,
        supplyHint: "pass --proxy http://user:password@host:port or set https_proxy the same way"
    )

    /// Hosts that bypass the proxy; the metadata address and loopback are always on it.
    public static let noProxy = SettingKey(
        name: "no_proxy",
        environmentVariables: ["no_proxy", "NO_PROXY"],
        supplyHint: "set no_proxy"
    )

    /// The instance metadata service for managed identity on a VM.
    public static let imdsEndpoint = SettingKey(
        name: "IMDS endpoint",
        flags: ["--imds-endpoint"],
        environmentVariables: ["MIDKV_IMDS_ENDPOINT", "AZURE_POD_IDENTITY_AUTHORITY_HOST"],
        supplyHint: "set MIDKV_IMDS_ENDPOINT or pass --imds-endpoint"
    )

    /// The App Service managed identity endpoint, or with `IMDS_ENDPOINT` the Azure Arc agent's.
    public static let identityEndpoint = SettingKey(
        name: "IDENTITY_ENDPOINT",
        environmentVariables: ["IDENTITY_ENDPOINT"],
        supplyHint: "set IDENTITY_ENDPOINT"
    )

    /// The App Service managed identity header value.
    public static let identityHeader = SettingKey(
        name: "IDENTITY_HEADER",
        environmentVariables: ["IDENTITY_HEADER"],
        isSecret: true,
        supplyHint: "set IDENTITY_HEADER"
    )

    /// The Azure Arc agent's metadata endpoint; with `IDENTITY_ENDPOINT`, selects Arc.
    public static let arcIMDSEndpoint = SettingKey(
        name: "IMDS_ENDPOINT",
        environmentVariables: ["IMDS_ENDPOINT"],
        supplyHint: "set IMDS_ENDPOINT"
    )

    /// A loopback `HOST:PORT` every connection goes to instead (tests and the emulator).
    public static let connectTo = SettingKey(
        name: "connect-to",
        flags: ["--connect-to"],
        environmentVariables: ["MIDKV_CONNECT_TO"],
        supplyHint: "set MIDKV_CONNECT_TO or pass --connect-to"
    )

    /// A PEM file of CA certificates to trust instead of the system store.
    public static let caFile = SettingKey(
        name: "CA file",
        flags: ["--ca-file"],
        environmentVariables: ["MIDKV_CA_FILE"],
        supplyHint: "set MIDKV_CA_FILE or pass --ca-file"
    )

    /// How long one resolution may take in all, in seconds.
    public static let timeout = SettingKey(
        name: "timeout",
        flags: ["--timeout"],
        environmentVariables: ["MIDKV_TIMEOUT"],
        supplyHint: "set MIDKV_TIMEOUT or pass --timeout"
    )

    /// Every key, in report order.
    public static let all: [SettingKey] = [
        .tenantID, .clientID, .clientSecret, .clientCertificate, .clientCertificateKey,
        .clientCertificatePassphrase, .assertionAlgorithm, .federatedTokenFile, .vaultName, .tokenURLTemplate,
        .scope, .vaultSuffix, .keyVaultAPIVersion, .proxy, .proxyUsername, .proxyPassword, .noProxy, .imdsEndpoint,
        .identityEndpoint, .identityHeader, .arcIMDSEndpoint, .connectTo, .caFile, .timeout,
    ]
}
