import Foundation

/// Shape checks for tenant IDs, client IDs and secrets, done before any network call.
public enum IdentifierRules {
    /// Whether `text` is a GUID in its usual 8-4-4-4-12 hexadecimal form.
    public static func isGUID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 36 else {
            return false
        }

        let hyphens: Set = [8, 13, 18, 23]
        return scalars.indices.allSatisfy { index in
            hyphens.contains(index) ? scalars[index] == "-" : scalars[index].properties.isASCIIHexDigit
        }
    }

    /// Whether `text` is a domain name a tenant can be addressed by, such as
    /// `contoso.onmicrosoft.com`.
    public static func isTenantDomain(_ text: String) -> Bool {
        guard SettingsResolver.isHostName(Substring(text)), let top = text.split(separator: ".").last else {
            return false
        }
        return top.count >= 2 && top.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// The multi-tenant aliases that client-secret sign-in cannot use.
    public static let multiTenantAliases: Set = ["common", "organizations", "consumers"]

    /// Whether `text` is a stand-in left from a template rather than a real value: empty,
    /// `null`, `<tenant_id>`, `${…}`, `YOUR_…_HERE`, an all-zero GUID and the like.
    public static func isPlaceholder(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        guard !trimmed.isEmpty else {
            return true
        }

        return placeholderWords.contains(lowered)
            || placeholderWords.contains(lowered.filter { $0.isLetter })
            || isWrapped(trimmed)
            || lowered.contains("your_") || lowered.contains("your-") || lowered.hasPrefix("your ")
            || isDummyGUID(lowered)
    }

    private static let placeholderWords: Set = [
        "null", "none", "nil", "undefined", "n/a", "na", "tbd", "todo", "changeme", "placeholder",
        "tenantid", "tenant", "clientid", "client", "applicationid", "appid", "directoryid",
        "secretkey", "clientsecret", "secret", "secretvalue", "password", "value", "xxx",
        "vaultname", "keyvaultname", "azurekeyvaultname", "secretname",
    ]

    private static func isWrapped(_ text: String) -> Bool {
        let pairs: [(String, String)] = [("<", ">"), ("{", "}"), ("${", "}"), ("%", "%"), ("[", "]")]
        return pairs.contains { open, close in
            text.count > open.count + close.count - 1 && text.hasPrefix(open) && text.hasSuffix(close)
        }
    }

    private static func isDummyGUID(_ text: String) -> Bool {
        guard isGUID(text) || text.count == 36 else {
            return false
        }
        let digits = text.filter { $0 != "-" }
        return Set(digits).count == 1
    }
}
