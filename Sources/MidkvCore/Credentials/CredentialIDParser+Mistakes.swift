/// Recognisers for the forms admins paste instead of a bare Credential ID.
extension CredentialIDParser {
    func checkConfiguredVault() throws(MidkvError) {
        guard let configured = configuredVault else {
            return
        }
        let name = KeyVaultName.vault(configured)
        guard !name.isValid else {
            return
        }
        throw invalidConfiguredVault(name)
    }

    func checkInvisibleEdges() throws(MidkvError) {
        let leading = text.prefix { Self.isInvisible($0) }
        let trailing = text.reversed().prefix { Self.isInvisible($0) }
        guard !leading.isEmpty || !trailing.isEmpty else {
            return
        }
        let trimmed = String(text.drop { Self.isInvisible($0) }.reversed().drop { Self.isInvisible($0) }.reversed())
        throw invisibleEdges(leading: String(leading), trailing: String(trailing.reversed()), trimmed: trimmed)
    }

    func checkLink() throws(MidkvError) {
        guard let link = SecretLink(text) else {
            return
        }
        throw pastedLink(link)
    }

    func checkReversed(_ secretPart: String, _ vaultPart: String?) throws(MidkvError) {
        guard let vaultPart else {
            return
        }

        let leftIsHost = secretPart.lowercased().contains(".vault.")
        let leftVault = leftIsHost ? SecretLink.firstLabel(of: secretPart) : secretPart
        guard leftIsHost || (isKnownVault(secretPart) && !isKnownVault(vaultPart)) else {
            return
        }
        throw reversedParts(leftVault: leftVault, rightSecret: vaultPart)
    }

    func checkPathSuffix(_ secretPart: String, _ vaultPart: String?) throws(MidkvError) {
        guard secretPart.contains("/") else {
            return
        }

        var components = secretPart.split(separator: "/").map(String.init)
        if components.first?.lowercased() == "secrets" {
            components.removeFirst()
        }
        if components.count == 2, Self.looksLikeVersion(components[1]) {
            throw versionSuffix(secretPart, name: components[0], version: components[1], vaultPart: vaultPart)
        }
        if components.count == 1, KeyVaultName.secret(components[0]).isValid {
            throw pathPrefix(secretPart, name: components[0], vaultPart: vaultPart)
        }
    }

    func checkHostName(_ vaultPart: String?, secretPart: String) throws(MidkvError) {
        guard let vaultPart, vaultPart.contains(".") else {
            return
        }
        let label = SecretLink.firstLabel(of: vaultPart)
        guard KeyVaultName.vault(label).isValid else {
            return
        }
        throw hostInsteadOfVault(secretPart, host: vaultPart, vault: label)
    }

    /// Whitespace and invisible format characters (zero-width space, byte-order mark).
    static func isInvisible(_ character: Character) -> Bool {
        character.isWhitespace
            || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .format }
    }

    /// A Key Vault version ID: 32 hexadecimal digits; shortened forms of 16 or more are accepted.
    static func looksLikeVersion(_ text: String) -> Bool {
        text.count >= 16 && text.allSatisfy(\.isHexDigit)
    }
}
