import Foundation

/// The errors a Credential ID can produce, each naming the ID, the expected form and the fix.
extension CredentialIDParser {
    // MARK: - credential-id.not-a-name

    func notAName(
        _ problem: String,
        seen: [Evidence],
        suggestion: String?,
        cause: String? = nil,
        note: String? = nil,
        action: String? = nil
    ) -> MidkvError {
        let setID = suggestion.map { "Set the Credential ID to `\($0)`." }
        let action = action ?? setID ?? "Write the Credential ID as `\(expectedForm)`."
        return MidkvError(
            .credentialIDNotAName,
            "Credential ID \(shownText) \(problem)",
            evidence: baseEvidence + seen,
            cause: cause,
            fix: [action, note].compactMap { $0 }.joined(separator: " ")
        )
    }

    func invisibleEdges(leading: String, trailing: String, trimmed: String) -> MidkvError {
        let edges = [
            leading.isEmpty ? nil : Self.describeCharacters(leading, position: "leading"),
            trailing.isEmpty ? nil : Self.describeCharacters(trailing, position: "trailing"),
        ].compactMap { $0 }
        let retry = CredentialIDParser(
            text: trimmed,
            configuredVault: configuredVault,
            knownVaults: knownVaults,
            target: target
        )
        let inner = Self.failure(of: retry)
        let action = inner.map {
            "Remove the whitespace. The ID `\(Self.escaped(trimmed))` then still needs fixing: \($0.fix)"
        }

        return notAName(
            "has \(edges.joined(separator: " and ")) that the credential form does not show",
            seen: [Evidence("whitespace", edges.joined(separator: "; "))],
            suggestion: trimmed.isEmpty ? nil : trimmed,
            cause: "Whitespace is invisible in the Credential ID field but becomes part of the secret name.",
            action: action
        )
    }

    func pastedLink(_ link: SecretLink) -> MidkvError {
        var seen = [Evidence("host", link.host), Evidence("secret in URL", link.secret ?? "none")]
        if let version = link.version {
            seen.append(Evidence("version in URL", version))
        }
        return notAName(
            "is a Key Vault URL, not a secret name",
            seen: seen,
            suggestion: suggestedID(secret: link.secret, vault: link.vault),
            cause: "A Credential ID holds names only: no scheme, host, path or version.",
            note: otherVaultNote(link.vault)
        )
    }

    func reversedParts(leftVault: String, rightSecret: String) -> MidkvError {
        notAName(
            "has its parts reversed: `\(leftVault)` is a vault, and the vault comes after the `:`",
            seen: [Evidence("vault before `:`", leftVault)],
            suggestion: suggestedID(secret: rightSecret, vault: leftVault),
            note: otherVaultNote(leftVault)
        )
    }

    func versionSuffix(_ part: String, name: String, version: String, vaultPart: String?) -> MidkvError {
        notAName(
            "ends with the secret version `\(version)`; the ID holds names only",
            seen: [Evidence("version", version)],
            suggestion: suggestedID(secret: name, vault: vaultPart),
            cause: "A Credential ID cannot select a version: the secret's current version is read. "
                + "To use an older value, make it the current version in Key Vault."
        )
    }

    func pathPrefix(_ part: String, name: String, vaultPart: String?) -> MidkvError {
        notAName(
            "contains the URL path `\(part)`; the ID holds the secret name only",
            seen: [Evidence("path", part)],
            suggestion: suggestedID(secret: name, vault: vaultPart)
        )
    }

    func hostInsteadOfVault(_ secretPart: String, host: String, vault: String) -> MidkvError {
        notAName(
            "gives the host name `\(host)` where the vault name `\(vault)` belongs",
            seen: [Evidence("host", host)],
            suggestion: suggestedID(secret: secretPart, vault: vault),
            note: configuredVault == nil ? nil : "With vault_name set, the ID must not name a vault at all."
        )
    }

    // MARK: - Vault placement

    func vaultConflict(_ secretPart: String, idVault: String, configured: String) -> MidkvError {
        let same = idVault.lowercased() == configured.lowercased()
        let cause =
            same
            ? "The vault is given twice, in config.xml and in the ID."
            : "The ID names vault `\(idVault)`, but config.xml names `\(configured)`; "
                + "with vault_name set, the secret is read from `\(configured)`."
        let suggestion = suggestedID(secret: secretPart, vault: nil)
        let elsewhere =
            " If the secret is in `\(idVault)`, either move it to `\(configured)`, or remove "
            + "\(CredentialID.vaultNameParameter) from config.xml, restart the MID and write every Credential ID "
            + "as `<secret name>:<vault name>`."

        return MidkvError(
            .credentialIDVaultConflict,
            "Credential ID \(shownText) names a vault, but \(CredentialID.vaultNameParameter) is set, "
                + "so the ID must be just the secret name",
            evidence: baseEvidence + [Evidence("vault in ID", idVault)],
            cause: cause
                + " Read whole as a secret name, `\(Self.escaped(text))` cannot exist: secret names have no `:`.",
            fix: "Set the Credential ID to `\(suggestion)`." + (same ? "" : elsewhere)
        )
    }

    func missingVault(_ secretPart: String) -> MidkvError {
        let secret = corrected(secretPart, kind: .secret)
        let vault = onlyKnownVault ?? "<vault name>"
        return MidkvError(
            .credentialIDMissingVault,
            "Credential ID \(shownText) names no vault, and \(CredentialID.vaultNameParameter) is not set",
            evidence: baseEvidence,
            cause: "Without vault_name in config.xml, each Credential ID must carry its vault after a `:`.",
            fix: "Either set the Credential ID to `\(secret):\(vault)`, or set \(CredentialID.vaultNameParameter) "
                + "in config.xml to the vault's name, restart the MID and keep the Credential ID `\(secret)`."
        )
    }

    // MARK: - Names

    func invalidName(_ broken: [KeyVaultName], secretPart: String, vaultPart: String?) -> MidkvError {
        var seen: [Evidence] = []
        for name in broken {
            seen.append(Evidence("\(name.kind) part", name.name))
            seen.append(Evidence("\(name.kind) problems", name.problemSummary))
        }

        let problems = broken.map { "the \($0.kind) part `\($0.name)` \($0.problemSummary)" }
        let fix: String
        if target == .newSecret, let secret = broken.first(where: { $0.kind == .secret }) {
            let vaultBroken = broken.contains { $0.kind == .vault }
            fix = newSecretNameFix(secret, vaultBroken: vaultBroken, vaultPart: vaultPart)
        } else {
            fix = existingNameFix(broken, secretPart: secretPart, vaultPart: vaultPart)
        }

        return MidkvError(
            .credentialIDInvalidName,
            "Credential ID \(shownText): \(problems.joined(separator: "; "))",
            evidence: baseEvidence + seen,
            fix: fix
        )
    }

    /// Names that cannot exist in Key Vault: the object is really named differently.
    private func existingNameFix(_ broken: [KeyVaultName], secretPart: String, vaultPart: String?) -> String {
        guard broken.allSatisfy({ $0.suggestion != nil }) else {
            return "Use the actual names from Key Vault: \(broken.map(\.rules).joined(separator: "; "))."
        }
        return "Key Vault cannot store an object under such a name, so the real one is named differently. "
            + "Use its actual name; with the characters replaced, the Credential ID would be "
            + "`\(suggestedID(secret: secretPart, vault: vaultPart))`."
    }

    /// A secret about to be created under a name Key Vault refuses: it needs another name, and
    /// the MID credential's ID must then name that secret.
    private func newSecretNameFix(_ name: KeyVaultName, vaultBroken: Bool, vaultPart: String?) -> String {
        let rule = "Key Vault secret names have 1 to 127 characters, each a letter, digit or `-`."
        let vault =
            vaultBroken ? " The vault part must be the vault's actual name: \(KeyVaultName.rules(for: .vault))." : ""
        guard let suggested = name.suggestion else {
            return "\(rule) Choose such a name for the new secret, store the value under it, and set the MID "
                + "credential's Credential ID to it (as `\(expectedForm)`) so the MID reads it.\(vault)"
        }

        let id = suggestedID(secret: suggested, vault: vaultPart)
        return "\(rule) Name the new secret `\(suggested)` instead, and set the MID credential's Credential ID "
            + "to `\(id)` so the MID reads it.\(vault)"
    }

    // MARK: - config.invalid-vault-name

    func invalidConfiguredVault(_ name: KeyVaultName) -> MidkvError {
        let bare = Self.bareVaultName(name.name)
        let cause: String? =
            if name.name.contains(":") {
                "It has the `<secret name>:<vault name>` form, which belongs in a Credential ID, not in vault_name."
            } else if name.name.contains(".") {
                "It is a host name or URL; vault_name takes the vault's name only."
            } else {
                nil
            }
        let fix =
            bare.map { "Set \(CredentialID.vaultNameParameter) to `\($0)` in config.xml and restart the MID." }
            ?? "Set \(CredentialID.vaultNameParameter) to the vault's name: \(name.rules)."

        return MidkvError(
            .configInvalidVaultName,
            "\(CredentialID.vaultNameParameter) `\(name.name)` is not a vault name: it \(name.problemSummary)",
            evidence: [
                Evidence("parameter", CredentialID.vaultNameParameter),
                Evidence("value", name.name),
                Evidence("credential ID", Self.quoted(text)),
            ],
            cause: cause,
            fix: fix
        )
    }

    // MARK: - Shared pieces

    var baseEvidence: [Evidence] {
        [
            Evidence("credential ID", Self.quoted(text)),
            Evidence("vault_name", configuredVault ?? "not set"),
            Evidence("expected form", expectedForm),
        ]
    }

    var shownText: String {
        "`\(Self.escaped(text))`"
    }

    func otherVaultNote(_ vault: String) -> String? {
        guard let configuredVault, configuredVault.lowercased() != vault.lowercased() else {
            return nil
        }
        return "Note: the ID names vault `\(vault)`, but \(CredentialID.vaultNameParameter) is `\(configuredVault)`, "
            + "and that is where the secret is read from."
    }

    /// The vault name inside a URL, host name or `<secret>:<vault>` value, if it is valid.
    static func bareVaultName(_ value: String) -> String? {
        var rest = Substring(value)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
        }
        rest = rest.prefix { $0 != "/" }
        let afterColon = rest.split(separator: ":").last.map(String.init) ?? ""
        let candidate = SecretLink.firstLabel(of: afterColon)

        let name = KeyVaultName.vault(candidate)
        return name.isValid ? candidate : name.suggestion
    }

    static func failure(of parser: CredentialIDParser) -> MidkvError? {
        do {
            _ = try parser.parse()
            return nil
        } catch {
            return error
        }
    }

    /// "1 trailing character (space)", "2 leading characters (tab, U+00A0 NO-BREAK SPACE)".
    static func describeCharacters(_ text: String, position: String) -> String {
        let count = text.count
        var unique: [Character] = []
        for character in text where !unique.contains(character) {
            unique.append(character)
        }
        let plural = count == 1 ? "character" : "characters"
        return "\(count) \(position) \(plural) (\(unique.map(KeyVaultName.describe).joined(separator: ", ")))"
    }

    /// The text in double quotes with invisible and control characters escaped, so every character shows.
    static func quoted(_ text: String) -> String {
        "\"\(escaped(text))\""
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            let hidden =
                scalar != " "
                && (properties.isWhitespace || properties.generalCategory == .control
                    || properties.generalCategory == .format)
            result += hidden ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }
        return result
    }
}
