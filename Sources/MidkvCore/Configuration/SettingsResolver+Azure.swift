import Foundation

extension SettingsResolver {
    /// The token URL template: flag, environment, config.xml, then `AZURE_AUTHORITY_HOST`,
    /// then the public cloud's.
    mutating func resolveTokenURLTemplate() throws -> Setting<String> {
        if let candidate = lookup(.tokenURLTemplate) {
            try Self.validateTokenURLTemplate(candidate)
            return setting(candidate)
        }

        if let authority = environmentCandidate(names: [Settings.authorityHostVariable]) {
            let template = try Self.tokenURLTemplate(authority: authority)
            let name = Settings.authorityHostVariable
            return Setting(template, source: .derived(from: name, via: authority.source))
        }
        return Setting(Settings.defaultTokenURLTemplate, source: .default)
    }

    /// The token scope: flag, environment, config.xml, default.
    mutating func resolveScope() throws -> Setting<String> {
        guard let candidate = lookup(.scope) else {
            return Setting(Settings.defaultScope, source: .default)
        }

        guard Self.webHost(of: candidate.text) != nil else {
            throw Self.invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not an absolute https URL",
                fix: "Write the scope as the Key Vault resource plus /.default, for example "
                    + "\(AzureCloud.usGovernment.defaultScope)."
            )
        }
        return setting(candidate)
    }

    /// The vault DNS suffix: flag, environment, else the host of the scope.
    mutating func resolveVaultSuffix(scope: Setting<String>) throws -> Setting<String> {
        guard let candidate = lookup(.vaultSuffix) else {
            let suffix = AzureCloud.forResource(scope.value)?.vaultSuffix ?? Self.webHost(of: scope.value) ?? ""
            let from = SettingKey.scope.name
            return Setting(suffix, source: .derived(from: from, via: scope.source))
        }

        let suffix = candidate.text.lowercased().drop { $0 == "." }
        guard Self.isHostName(suffix) else {
            throw Self.invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not a DNS suffix",
                fix: "Give the part of the vault host after the vault name, such as "
                    + "\(AzureCloud.china.vaultSuffix), without https:// or a path."
            )
        }
        return Setting(String(suffix), source: candidate.source)
    }

    /// The Key Vault API version: flag, environment, default.
    mutating func resolveAPIVersion() throws -> Setting<String> {
        guard let candidate = lookup(.keyVaultAPIVersion) else {
            return Setting(Settings.defaultKeyVaultAPIVersion, source: .default)
        }

        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-"))
        guard !candidate.text.isEmpty, candidate.text.unicodeScalars.allSatisfy(allowed.contains) else {
            throw Self.invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not an API version",
                fix: "Give a Key Vault API version such as \(Settings.defaultKeyVaultAPIVersion)."
            )
        }
        return setting(candidate)
    }

    // MARK: - Validation

    private static func validateTokenURLTemplate(_ candidate: Candidate) throws {
        let fix =
            "Write the token URL with %s where the tenant goes, for example "
            + "\(AzureCloud.usGovernment.tokenURLTemplate)."
        let placeholders = candidate.text.components(separatedBy: "%s").count - 1
        guard placeholders == 1 else {
            let problem = placeholders == 0 ? "has no %s where the tenant goes" : "has more than one %s"
            throw invalidValue(candidate.source, shown: candidate.text, problem: problem, fix: fix)
        }

        guard webHost(of: candidate.text.replacingOccurrences(of: "%s", with: "tenant")) != nil else {
            throw invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not an absolute https URL",
                fix: fix
            )
        }
    }

    private static func tokenURLTemplate(authority: Candidate) throws -> String {
        var base = authority.text
        while base.hasSuffix("/") {
            base.removeLast()
        }

        guard webHost(of: base) != nil, !base.contains("%") else {
            throw invalidValue(
                authority.source,
                shown: authority.text,
                problem: "is not an authority host URL",
                fix: "Set \(Settings.authorityHostVariable) to the Entra ID host as a URL, such as "
                    + "https://\(AzureCloud.usGovernment.loginHost), or unset it."
            )
        }
        return base + "/%s/oauth2/v2.0/token"
    }

    /// The host of an absolute `https` (or `http`) URL, or `nil`.
    static func webHost(of text: String) -> String? {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host, !host.isEmpty, text.contains("://")
        else {
            return nil
        }
        return host.lowercased()
    }

    /// Whether `text` is a dotted DNS name of letters, digits and hyphens.
    static func isHostName(_ text: Substring) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy(isHostLabel)
    }

    private static func isHostLabel(_ label: Substring) -> Bool {
        guard (1...63).contains(label.count), label.first != "-", label.last != "-" else {
            return false
        }
        return label.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-")
        }
    }
}
