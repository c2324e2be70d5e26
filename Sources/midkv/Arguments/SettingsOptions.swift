import Foundation

/// The options every command that reads settings accepts: where config.xml is, and the flags
/// that override it. Flags beat environment variables, which beat config.xml, which beats
/// the defaults.
enum SettingsOptions {
    /// The option specs, in help order.
    static let specs: [OptionSpec] = [
        .value(
            "config",
            "PATH",
            help: "the MID's agent/config.xml (default: $MIDKV_CONFIG, ./agent/config.xml, ./config.xml)"
        ),
        .value("tenant-id", "ID", help: "Entra tenant ID (else $AZURE_TENANT_ID, ext.cred.azure.tenant_id)"),
        .value("client-id", "ID", help: "app (client) ID (else $AZURE_CLIENT_ID, ext.cred.azure.client_id)"),
        .value(
            "client-secret-file",
            "PATH",
            help: "file holding the client secret (else $AZURE_CLIENT_SECRET, ext.cred.azure.secret_key)"
        ),
        .value(
            "client-certificate",
            "PATH",
            help: "PEM with the app's certificate and key (else $AZURE_CLIENT_CERTIFICATE_PATH)"
        ),
        .value("client-certificate-key", "PATH", help: "PEM with the certificate's private key, when separate"),
        .value(
            "client-certificate-passphrase-file",
            "PATH",
            help: "file holding the key's passphrase (else $AZURE_CLIENT_CERTIFICATE_PASSWORD)"
        ),
        .value("assertion-algorithm", "ALG", help: "client assertion signature: RS256 (default) or PS256"),
        .value(
            "federated-token-file",
            "PATH",
            help: "federated token for workload identity (else $AZURE_FEDERATED_TOKEN_FILE)"
        ),
        .value("vault-name", "NAME", help: "default vault (else $MIDKV_VAULT_NAME, ext.cred.azure.vault_name)"),
        .value("token-url", "URL", help: "token URL with %s for the tenant (ext.cred.azure.vault_auth_endpoint)"),
        .value("scope", "SCOPE", help: "token scope (ext.cred.azure.endpoint_scope)"),
        .value("vault-suffix", "SUFFIX", help: "vault DNS suffix (default: from the scope's cloud)"),
        .value("api-version", "VERSION", help: "Key Vault API version (default 7.4)"),
        .value("imds-endpoint", "URL", help: "instance metadata service (default http://169.254.169.254)"),
        .value(
            "proxy",
            "URL",
            help: "HTTP proxy, http://[user:pass@]host:port (else $https_proxy or $http_proxy, then mid.proxy.*)"
        ),
        .flag("no-proxy", help: "connect directly, ignoring every proxy setting"),
        .value("connect-to", "HOST:PORT", help: "send every connection to this loopback address (testing)"),
        .value("ca-file", "PATH", help: "trust these CA certificates instead of the system store"),
        .value("timeout", "SECONDS", help: "time budget for one resolution (default 60)"),
    ]

    private static let settingFlags: Set<String> = Set(specs.map(\.name)).subtracting(["config"])

    /// The setting flags given on the command line, keyed by flag name as settings expect.
    static func flags(from arguments: ParsedArguments) -> [String: String] {
        var flags: [String: String] = [:]
        for name in settingFlags {
            if let value = arguments.value(name) {
                flags["--\(name)"] = value
            } else if arguments.flag(name) {
                flags["--\(name)"] = "true"
            }
        }
        return flags
    }

    /// The config.xml to read, and how it was chosen: `--config`, `$MIDKV_CONFIG`, then
    /// `agent/config.xml` or `config.xml` in the current folder when present. `nil` when none
    /// applies, so settings come from flags and the environment alone.
    ///
    /// - Throws: ``UsageError`` for an empty `--config`, which would name the current folder.
    static func configPath(
        from arguments: ParsedArguments,
        environment: [String: String],
        currentDirectory: String
    ) throws -> String? {
        if let path = arguments.value("config") {
            guard !path.isEmpty else {
                throw UsageError("--config needs the path of the MID's agent/config.xml, not an empty value")
            }
            return absolute(path, in: currentDirectory)
        }
        if let path = environment["MIDKV_CONFIG"], !path.isEmpty {
            return absolute(path, in: currentDirectory)
        }
        for candidate in ["agent/config.xml", "config.xml"] {
            let path = absolute(candidate, in: currentDirectory)
            if FileManager.default.fileExists(atPath: path) {
                return path
            }
        }
        return nil
    }

    private static func absolute(_ path: String, in directory: String) -> String {
        guard !path.hasPrefix("/") else {
            return path
        }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }
}
