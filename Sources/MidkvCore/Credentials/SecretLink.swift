import Foundation

/// A Key Vault secret URL or host path pasted where a Credential ID belongs, such as
/// `https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh/<version>`.
struct SecretLink: Equatable {
    /// The host, such as `kv-contoso-disc.vault.azure.net`, without port.
    let host: String
    /// The vault name: the first label of ``host``.
    let vault: String
    /// The secret name from the path, or from a `<secret>:` written before the URL.
    let secret: String?
    /// The version from the path, if any.
    let version: String?

    /// Recognises `scheme://host/secrets/<name>[/<version>]`, an optional `<secret>:` prefix
    /// before the scheme, and the scheme-less `host/secrets/<name>`. Returns `nil` for other text.
    init?(_ text: String) {
        guard let rest = Self.afterScheme(text) ?? Self.schemeless(text) else {
            return nil
        }

        let hostEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        self.host = Self.strippingPortAndUser(String(rest[..<hostEnd]))
        self.vault = Self.firstLabel(of: host)

        let pathEnd = rest[hostEnd...].firstIndex { "?#".contains($0) } ?? rest.endIndex
        let components = rest[hostEnd..<pathEnd].split(separator: "/").map(String.init)
        let named = components.first?.lowercased() == "secrets"
        self.secret = (named ? components.dropFirst().first : nil) ?? Self.prefixSecret(text)
        self.version = named && components.count > 2 ? components[2] : nil
    }

    /// The first DNS label of a host name: `kv-contoso-disc` for `kv-contoso-disc.vault.azure.net`.
    static func firstLabel(of host: String) -> String {
        String(host.prefix { $0 != "." })
    }

    private static func afterScheme(_ text: String) -> Substring? {
        guard let separator = text.range(of: "://") else {
            return nil
        }
        return text[separator.upperBound...]
    }

    private static func schemeless(_ text: String) -> Substring? {
        let host = text.prefix { $0 != "/" }
        guard host.contains("."), text.lowercased().contains("/secrets/") else {
            return nil
        }
        return Substring(text)
    }

    private static func prefixSecret(_ text: String) -> String? {
        guard let separator = text.range(of: "://") else {
            return nil
        }
        let beforeScheme = text[..<separator.lowerBound]
        guard let colon = beforeScheme.lastIndex(of: ":") else {
            return nil
        }
        return String(beforeScheme[..<colon]).nonEmpty
    }

    private static func strippingPortAndUser(_ authority: String) -> String {
        let afterUser = authority.split(separator: "@").last.map(String.init) ?? authority
        return String(afterUser.prefix { $0 != ":" })
    }
}
