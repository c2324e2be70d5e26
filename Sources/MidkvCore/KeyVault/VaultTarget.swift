import Foundation
import MidkvTransport

/// A checked vault URL, plus the secret a request is about.
struct VaultTarget: Sendable {
    /// `scheme://host[:port]`, without a path.
    var base: String
    /// The vault host, lower-cased.
    var host: String
    /// The key challenges are remembered under: host, plus the port unless it is the default.
    var authority: String
    /// The secret's name, if the request is about one.
    var secret: String?
    /// The secret's version, if one was asked for.
    var version: String?

    /// Checks the vault URL and the names.
    ///
    /// - Throws: `network.insecure-url` for plain HTTP to a host other than loopback,
    ///   `config.invalid-value` for a URL without a host, `credential-id.invalid-name` for a
    ///   name or version Key Vault cannot hold.
    init(vault: URL, secret: String?, version: String?) throws(MidkvError) {
        guard let host = vault.host?.lowercased(), !host.isEmpty else {
            throw Self.invalidURL(vault)
        }

        let scheme = vault.scheme?.lowercased() ?? ""
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw Self.insecureURL(vault, host: host)
        }

        try secret.map(Self.validate(name:))
        try version.map(Self.validate(version:))
        self.host = host
        self.base = scheme + "://" + (host.contains(":") ? "[\(host)]" : host) + (vault.port.map { ":\($0)" } ?? "")
        self.authority = Self.authority(of: vault)
        self.secret = secret
        self.version = version
    }

    /// The vault's name: the first label of its host.
    var vaultName: String {
        String(host.prefix { $0 != "." })
    }

    /// The URL of the secret (and version) with `api-version`.
    func url(apiVersion: String) -> URL {
        var path = "/secrets/" + (secret ?? "")
        if let version {
            path += "/" + version
        }
        return url(path: path, apiVersion: apiVersion)
    }

    /// The URL of `path` on this vault with `api-version`.
    func url(path: String, apiVersion: String) -> URL {
        let text = base + path + "?api-version=" + PercentEncoding.encode(apiVersion)
        return URL(string: text) ?? URL(fileURLWithPath: "/")
    }

    /// The challenge key for `url`: the host, with the port unless it is the scheme's default, so
    /// `:443` in a `nextLink` does not trigger a second challenge.
    static func authority(of url: URL) -> String {
        let host = url.host?.lowercased() ?? ""
        let scheme = url.scheme?.lowercased()
        guard let port = url.port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else {
            return host
        }
        return "\(host):\(port)"
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    private static func validate(name: String) throws(MidkvError) {
        let allowed = name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
        }
        guard allowed, (1...127).contains(name.count) else {
            throw invalidName(name, what: "secret name", rule: "1 to 127 letters, digits and '-'")
        }
    }

    private static func validate(version: String) throws(MidkvError) {
        let allowed = version.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
        guard allowed, (1...64).contains(version.count) else {
            throw invalidName(version, what: "secret version", rule: "letters and digits (32 hexadecimal characters)")
        }
    }

    private static func invalidName(_ value: String, what: String, rule: String) -> MidkvError {
        MidkvError(
            .credentialIDInvalidName,
            "'\(value)' cannot be a Key Vault \(what)",
            evidence: [Evidence(what, value)],
            cause: "Key Vault \(what)s allow \(rule); the request was not sent.",
            fix: "Use the \(what) exactly as the vault shows it, for example with '-' in place of '_', '.' or spaces."
        )
    }

    private static func invalidURL(_ vault: URL) -> MidkvError {
        MidkvError(
            .configInvalidValue,
            "The vault URL has no host name",
            evidence: [Evidence("vault URL", vault.absoluteString)],
            fix: "Use the vault's URL as the portal shows it: https://{vault-name}.vault.azure.net."
        )
    }

    private static func insecureURL(_ vault: URL, host: String) -> MidkvError {
        MidkvError(
            .networkInsecureURL,
            "The vault URL does not use HTTPS",
            evidence: [Evidence("vault URL", vault.absoluteString)],
            cause: "Tokens and secret values may only travel over HTTPS to hosts other than this machine.",
            fix: "Use https://\(host) as the vault URL."
        )
    }
}

/// One request to a vault, before tokens and retries.
struct VaultOperation: Sendable {
    /// The method.
    var method: HTTPRequest.Method
    /// The full URL.
    var url: URL
    /// The vault and secret.
    var target: VaultTarget
    /// The JSON body, which may hold a secret value.
    var body: Data? = nil

    /// What the operation does, for messages: "reading secret db from vault kv-contoso".
    var activity: String {
        let secret = target.secret.map { " \($0)" } ?? "s"
        switch method {
        case .put:
            return "storing secret\(secret) in vault \(target.vaultName)"
        default:
            return target.secret == nil
                ? "listing secrets of vault \(target.vaultName)"
                : "reading secret\(secret) from vault \(target.vaultName)"
        }
    }
}
