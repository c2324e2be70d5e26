/// Splits a Credential ID into secret and vault, checking for each known mistake in turn.
///
/// Checks run from the most to the least specific, so a pasted URL is reported as a URL rather
/// than as a name with forbidden characters.
struct CredentialIDParser {
    let text: String
    let configuredVault: String?
    let knownVaults: [String]
    var target: CredentialID.Target = .existingSecret

    func parse() throws(MidkvError) -> CredentialID {
        try checkConfiguredVault()
        try checkInvisibleEdges()
        try checkLink()

        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        try checkSeparators(parts)
        let secretPart = parts[0]
        let vaultPart = parts.count > 1 ? parts[1] : nil

        try checkReversed(secretPart, vaultPart)
        try checkPathSuffix(secretPart, vaultPart)
        try checkHostName(vaultPart, secretPart: secretPart)
        let (vault, source) = try placeVault(secretPart, vaultPart)

        try checkNames(secretPart, vaultPart)
        return CredentialID(text: text, secretName: secretPart, vaultName: vault, vaultSource: source)
    }

    // MARK: - Structure

    private func checkSeparators(_ parts: [String]) throws(MidkvError) {
        if text.isEmpty {
            throw notAName("is empty", seen: [], suggestion: nil)
        }

        if parts.count > 2 {
            let nonEmpty = parts.filter { !$0.isEmpty }
            let suggestion = nonEmpty.count == 2 ? suggestedID(secret: nonEmpty[0], vault: nonEmpty[1]) : nil
            throw notAName(
                "has \(parts.count - 1) `:` separators; at most one is allowed, between secret and vault",
                seen: [Evidence("separators", "\(parts.count - 1)")],
                suggestion: suggestion
            )
        }

        guard parts.count == 2, parts[0].isEmpty || parts[1].isEmpty else {
            return
        }
        let empty = parts[0].isEmpty ? "secret part before `:`" : "vault part after `:`"
        throw notAName(
            "has an empty \(empty)",
            seen: [Evidence("empty part", empty)],
            suggestion: suggestedID(secret: parts[0].nonEmpty, vault: parts[1].nonEmpty)
        )
    }

    private func placeVault(
        _ secretPart: String,
        _ vaultPart: String?
    ) throws(MidkvError) -> (String, CredentialID.VaultSource) {
        switch (configuredVault, vaultPart) {
        case (let configured?, nil):
            return (configured, .configuration)
        case (nil, let vault?):
            return (vault, .credentialID)
        case (let configured?, let vault?):
            throw vaultConflict(secretPart, idVault: vault, configured: configured)
        case (nil, nil):
            throw missingVault(secretPart)
        }
    }

    private func checkNames(_ secretPart: String, _ vaultPart: String?) throws(MidkvError) {
        let names = [KeyVaultName.secret(secretPart)] + (vaultPart.map { [KeyVaultName.vault($0)] } ?? [])
        let broken = names.filter { !$0.isValid }
        guard !broken.isEmpty else {
            return
        }
        throw invalidName(broken, secretPart: secretPart, vaultPart: vaultPart)
    }

    // MARK: - Suggestions

    /// The Credential ID that would work, with corrected names where the rules allow one.
    func suggestedID(secret: String?, vault: String?) -> String {
        let secretName = secret.map { corrected($0, kind: .secret) } ?? "<secret name>"
        guard configuredVault == nil else {
            return secretName
        }

        let vaultName = vault.map { corrected($0, kind: .vault) } ?? onlyKnownVault ?? "<vault name>"
        return "\(secretName):\(vaultName)"
    }

    func corrected(_ name: String, kind: KeyVaultName.Kind) -> String {
        KeyVaultName(name, kind: kind).suggestion ?? name
    }

    /// The single vault configuration knows of, if there is exactly one.
    var onlyKnownVault: String? {
        knownVaults.count == 1 ? knownVaults[0] : nil
    }

    func isKnownVault(_ name: String) -> Bool {
        let candidates = knownVaults + (configuredVault.map { [$0] } ?? [])
        return candidates.contains { $0.lowercased() == name.lowercased() }
    }

    var expectedForm: String {
        CredentialID.expectedForm(vaultNameConfigured: configuredVault != nil)
    }
}

extension String {
    /// `nil` for the empty string, else the string.
    var nonEmpty: String? {
        isEmpty ? nil : self
    }
}
