import Foundation

/// What a config.xml value looks like, judged without printing it.
///
/// The doctor shows the shape of a secret (its length and whether it looks like a GUID), never
/// its characters.
enum ValueShape {
    /// Whether `text` is a GUID in its 8-4-4-4-12 hexadecimal form.
    static func isGUID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let hyphens: Set = [8, 13, 18, 23]
        guard scalars.count == 36 else {
            return false
        }
        return scalars.indices.allSatisfy { index in
            hyphens.contains(index) ? scalars[index] == "-" : scalars[index].properties.isASCIIHexDigit
        }
    }

    /// Whether `text` is a domain a tenant is known by, such as `contoso.onmicrosoft.com`.
    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy(isASCIILetter) else {
            return false
        }
        return labels.allSatisfy(isHostLabel)
    }

    /// Whether `text` is a stand-in from a template or an example rather than a real value: empty,
    /// `null`, `<tenant_id>`, `{client_id}`, `${SECRET}`, `YOUR_TENANT_ID`, `changeme`, a GUID of one
    /// repeated digit.
    static func isPlaceholder(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        guard !trimmed.isEmpty else {
            return true
        }
        return placeholderWords.contains(lowered) || placeholderWords.contains(lowered.filter(\.isLetter))
            || isWrapped(trimmed) || lowered.hasPrefix("your_") || lowered.hasPrefix("your-")
            || lowered.contains("_your_") || lowered.hasPrefix("your ") || isRepeatedGUID(lowered)
    }

    /// Whether `text` is empty or white space only.
    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// A description of a secret's shape for evidence: `40 characters`, `36 characters, GUID-shaped`.
    static func describeSecret(_ text: String) -> String {
        let length = "\(text.count) character\(text.count == 1 ? "" : "s")"
        return isGUID(text) ? "\(length), GUID-shaped" : length
    }

    private static let placeholderWords: Set = [
        "null", "none", "nil", "undefined", "na", "n/a", "tbd", "todo", "changeme", "placeholder", "xxx",
        "tenantid", "clientid", "secretkey", "clientsecret", "vaultname", "secretname", "keyvaultname",
        "azurekeyvaultname", "value", "secret", "password",
    ]

    private static func isWrapped(_ text: String) -> Bool {
        let pairs: [(String, String)] = [("<", ">"), ("{", "}"), ("${", "}"), ("%", "%"), ("[", "]")]
        return pairs.contains { open, close in
            text.count >= open.count + close.count + 1 && text.hasPrefix(open) && text.hasSuffix(close)
        }
    }

    private static func isRepeatedGUID(_ text: String) -> Bool {
        isGUID(text) && Set(text.filter { $0 != "-" }).count == 1
    }

    private static func isASCIILetter(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }

    private static func isHostLabel(_ label: Substring) -> Bool {
        guard (1...63).contains(label.count), label.first != "-", label.last != "-" else {
            return false
        }
        return label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
