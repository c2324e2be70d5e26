import MidkvCore
import Testing

@Suite("Credential ID parsing")
struct CredentialIDTests {
    let vault = "kv-contoso-disc"
    let version = "5f0c3e1d9b8a47c6a2e4f01d6c3b9ae9"

    func failure(
        _ text: String,
        configured: String? = nil,
        known: [String] = []
    ) throws -> MidkvError {
        try #require(throws: MidkvError.self) {
            try CredentialID(parsing: text, configuredVault: configured, knownVaults: known)
        }
    }

    // MARK: - Accepted forms

    @Test("with vault_name set, the ID is the secret name and the vault comes from configuration")
    func configuredVault() throws {
        let id = try CredentialID(parsing: "linux-root-ssh", configuredVault: vault)

        #expect(id.secretName == "linux-root-ssh")
        #expect(id.vaultName == vault)
        #expect(id.vaultSource == .configuration)
        #expect(id.text == "linux-root-ssh")
    }

    @Test("without vault_name, the ID is secret:vault and the vault comes from the ID")
    func vaultInID() throws {
        let id = try CredentialID(parsing: "linux-root-ssh:kv-contoso-disc", configuredVault: nil)

        #expect(id.secretName == "linux-root-ssh")
        #expect(id.vaultName == vault)
        #expect(id.vaultSource == .credentialID)
    }

    @Test("an empty vault_name counts as not set")
    func emptyConfiguredVault() throws {
        let id = try CredentialID(parsing: "linux-root-ssh:kv-contoso-disc", configuredVault: "")

        #expect(id.vaultSource == .credentialID)
    }

    // MARK: - credential-id.invalid-name

    @Test("forbidden characters in the secret part are named with a corrected ID")
    func invalidSecretName() throws {
        let error = try failure("linux_root.ssh", configured: vault)

        #expect(error.code == .credentialIDInvalidName)
        #expect(error.message.contains("`linux_root.ssh`"))
        #expect(error.message.contains("`_` and `.`"))
        #expect(error.fix.contains("`linux-root-ssh`"))
        #expect(error.evidence("secret part") == "linux_root.ssh")
        #expect(error.evidence("expected form") == "<secret name>")
    }

    @Test("spaces inside the ID are invalid characters and the suggestion keeps the vault")
    func spacesInside() throws {
        let error = try failure("linux root ssh:kv-contoso-disc")

        #expect(error.code == .credentialIDInvalidName)
        #expect(error.message.contains("space"))
        #expect(error.fix.contains("`linux-root-ssh:kv-contoso-disc`"))
    }

    @Test("a vault part that breaks vault rules is reported as the vault part")
    func invalidVaultPart() throws {
        let error = try failure("linux-root-ssh:kv_contoso")

        #expect(error.code == .credentialIDInvalidName)
        #expect(error.evidence("vault part") == "kv_contoso")
        #expect(error.fix.contains("`linux-root-ssh:kv-contoso`"))
    }

    @Test("for a new secret, a name Key Vault refuses gets a name to create it under, for the record's ID too")
    func invalidNewSecretName() throws {
        let error = try #require(throws: MidkvError.self) {
            try CredentialID(parsing: "bad_name", configuredVault: vault, for: .newSecret)
        }
        let withVault = try #require(throws: MidkvError.self) {
            try CredentialID(parsing: "bad_name:kv-contoso-disc", configuredVault: nil, for: .newSecret)
        }

        #expect(error.code == .credentialIDInvalidName)
        #expect(
            error.fix
                == "Key Vault secret names have 1 to 127 characters, each a letter, digit or `-`. Name the new secret "
                + "`bad-name` instead, and set the MID credential's Credential ID to `bad-name` so the MID reads it."
        )
        #expect(!error.fix.contains("actual name"))
        #expect(withVault.fix.contains("Name the new secret `bad-name` instead"))
        #expect(withVault.fix.contains("Credential ID to `bad-name:kv-contoso-disc`"))
    }

    @Test("for a new secret, a broken vault part still asks for the vault's actual name")
    func invalidVaultForNewSecret() throws {
        let vaultOnly = try #require(throws: MidkvError.self) {
            try CredentialID(parsing: "linux-root-ssh:kv_contoso", configuredVault: nil, for: .newSecret)
        }
        let both = try #require(throws: MidkvError.self) {
            try CredentialID(parsing: "linux_root:kv_contoso", configuredVault: nil, for: .newSecret)
        }

        #expect(vaultOnly.fix.contains("Use its actual name"))
        #expect(both.fix.contains("Name the new secret `linux-root` instead"))
        #expect(
            both.fix.hasSuffix(
                "The vault part must be the vault's actual name: " + KeyVaultName.rules(for: .vault) + "."
            )
        )
    }

    // MARK: - credential-id.missing-vault

    @Test("no vault_name and no :vault gives both ways to fix it")
    func missingVault() throws {
        let error = try failure("linux-root-ssh")

        #expect(error.code == .credentialIDMissingVault)
        #expect(error.message.contains("`linux-root-ssh`"))
        #expect(error.fix.contains("`linux-root-ssh:<vault name>`"))
        #expect(error.fix.contains("ext.cred.azure.vault_name"))
        #expect(error.evidence("expected form") == "<secret name>:<vault name>")
    }

    @Test("a single known vault fills the suggestion")
    func missingVaultKnown() throws {
        let error = try failure("linux-root-ssh", known: [vault])

        #expect(error.fix.contains("`linux-root-ssh:kv-contoso-disc`"))
    }

    // MARK: - credential-id.vault-conflict

    @Test("vault given twice, same vault: the ID must be just the secret name")
    func conflictSameVault() throws {
        let error = try failure("linux-root-ssh:kv-contoso-disc", configured: vault)

        #expect(error.code == .credentialIDVaultConflict)
        #expect(error.message.contains("must be just the secret name"))
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh`."))
        #expect(error.cause?.contains("given twice") == true)
    }

    @Test("vault given twice, different vaults: the difference is pointed out")
    func conflictDifferentVault() throws {
        let error = try failure("linux-root-ssh:kv-contoso-other", configured: vault)

        #expect(error.code == .credentialIDVaultConflict)
        #expect(error.cause?.contains("`kv-contoso-other`") == true)
        #expect(error.cause?.contains("read from `kv-contoso-disc`") == true)
        #expect(error.fix.contains("remove ext.cred.azure.vault_name"))
        #expect(error.evidence("vault in ID") == "kv-contoso-other")
    }

    // MARK: - credential-id.not-a-name

    @Test("a secret URL is recognised and the right ID extracted")
    func secretURL() throws {
        let error = try failure("https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh")

        #expect(error.code == .credentialIDNotAName)
        #expect(error.message.contains("URL"))
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh:kv-contoso-disc`."))
        #expect(error.evidence("host") == "kv-contoso-disc.vault.azure.net")
    }

    @Test("a versioned secret URL drops the version; with vault_name set only the name is suggested")
    func versionedURL() throws {
        let url = "https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh/\(version)?api-version=7.4"
        let error = try failure(url, configured: vault)

        #expect(error.code == .credentialIDNotAName)
        #expect(error.evidence("version in URL") == version)
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh`."))
    }

    @Test("a URL for another vault than vault_name says where the secret is read from")
    func urlOtherVault() throws {
        let error = try failure("https://kv-other.vault.azure.net/secrets/linux-root-ssh", configured: vault)

        #expect(error.fix.contains("`kv-other`"))
        #expect(error.fix.contains("`kv-contoso-disc`"))
    }

    @Test("a host path without scheme is recognised as a URL")
    func schemelessURL() throws {
        let error = try failure("kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh")

        #expect(error.code == .credentialIDNotAName)
        #expect(error.fix.contains("`linux-root-ssh:kv-contoso-disc`"))
    }

    @Test("a version suffix is recognised and dropped")
    func versionSuffix() throws {
        let error = try failure("linux-root-ssh/\(version)", configured: vault)

        #expect(error.code == .credentialIDNotAName)
        #expect(error.evidence("version") == version)
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh`."))
    }

    @Test("a version suffix before the vault part keeps the vault")
    func versionSuffixWithVault() throws {
        let error = try failure("linux-root-ssh/\(version):kv-contoso-disc")

        #expect(error.fix.contains("`linux-root-ssh:kv-contoso-disc`"))
    }

    @Test("a vault host name is reduced to the bare vault name")
    func fqdnVault() throws {
        let error = try failure("linux-root-ssh:kv-contoso-disc.vault.azure.net")

        #expect(error.code == .credentialIDNotAName)
        #expect(error.message.contains("`kv-contoso-disc`"))
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh:kv-contoso-disc`."))
    }

    @Test("reversed vault:secret is recognised when the left part is a known vault")
    func reversed() throws {
        let error = try failure("kv-contoso-disc:linux-root-ssh", known: [vault])

        #expect(error.code == .credentialIDNotAName)
        #expect(error.message.contains("reversed"))
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh:kv-contoso-disc`."))
    }

    @Test("reversed with vault_name set suggests the secret name alone")
    func reversedConfigured() throws {
        let error = try failure("kv-contoso-disc:linux-root-ssh", configured: vault)

        #expect(error.code == .credentialIDNotAName)
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh`."))
    }

    @Test("a vault host name before the colon is read as reversed parts")
    func reversedHost() throws {
        let error = try failure("kv-contoso-disc.vault.azure.net:linux-root-ssh")

        #expect(error.code == .credentialIDNotAName)
        #expect(error.fix.hasPrefix("Set the Credential ID to `linux-root-ssh:kv-contoso-disc`."))
    }

    @Test("a trailing slash after the vault is an invalid character with a corrected ID")
    func trailingSlash() throws {
        let error = try failure("linux-root-ssh:kv-contoso-disc/")

        #expect(error.code == .credentialIDInvalidName)
        #expect(error.fix.contains("`linux-root-ssh:kv-contoso-disc`"))
    }

    @Test("without known vaults a reversed ID cannot be told apart and parses")
    func reversedUnknown() throws {
        let id = try CredentialID(parsing: "kv-contoso-disc:linux-root-ssh", configuredVault: nil)

        #expect(id.secretName == "kv-contoso-disc")
    }

    @Test("more than one colon is rejected; a doubled colon gets a suggestion")
    func extraColons() throws {
        let three = try failure("linux-root-ssh:kv-contoso-disc:prod")
        let doubled = try failure("linux-root-ssh::kv-contoso-disc")

        #expect(three.code == .credentialIDNotAName)
        #expect(three.message.contains("2 `:` separators"))
        #expect(three.fix == "Write the Credential ID as `<secret name>:<vault name>`.")
        #expect(doubled.fix.hasPrefix("Set the Credential ID to `linux-root-ssh:kv-contoso-disc`."))
    }

    @Test("empty parts around the colon are named")
    func emptyParts() throws {
        let noVault = try failure("linux-root-ssh:")
        let noSecret = try failure(":kv-contoso-disc")
        let empty = try failure("")

        #expect(noVault.code == .credentialIDNotAName)
        #expect(noVault.message.contains("empty vault part"))
        #expect(noVault.fix.contains("`linux-root-ssh:<vault name>`"))
        #expect(noSecret.message.contains("empty secret part"))
        #expect(noSecret.fix.contains("`<secret name>:kv-contoso-disc`"))
        #expect(empty.message.contains("is empty"))
    }

    @Test("leading and trailing whitespace is reported as invisible, with the trimmed ID")
    func whitespace() throws {
        let trailing = try failure("linux-root-ssh ", configured: vault)
        let both = try failure("\u{00A0}linux-root-ssh:kv-contoso-disc\t")

        #expect(trailing.code == .credentialIDNotAName)
        #expect(trailing.message.contains("1 trailing character (space)"))
        #expect(trailing.message.contains("does not show"))
        #expect(trailing.evidence("credential ID") == "\"linux-root-ssh \"")
        #expect(trailing.fix == "Set the Credential ID to `linux-root-ssh`.")
        #expect(both.message.contains("U+00A0 NO-BREAK SPACE"))
        #expect(both.evidence("credential ID") == "\"\\u{A0}linux-root-ssh:kv-contoso-disc\\u{9}\"")
        #expect(both.fix.hasPrefix("Set the Credential ID to `linux-root-ssh:kv-contoso-disc`."))
    }

    @Test("whitespace around an ID that is wrong in another way mentions the further fix")
    func whitespaceAndMore() throws {
        let error = try failure(" linux_root ", configured: vault)

        #expect(error.code == .credentialIDNotAName)
        #expect(error.fix.hasPrefix("Remove the whitespace. The ID `linux_root` then still needs fixing"))
        #expect(error.fix.contains("`linux-root`"))
    }

    // MARK: - config.invalid-vault-name

    @Test("the secret:vault form in vault_name is reported against config.xml")
    func colonFormInConfiguration() throws {
        let error = try failure("linux-root-ssh", configured: "linux-root-ssh:kv-contoso-disc")

        #expect(error.code == .configInvalidVaultName)
        #expect(error.cause?.contains("belongs in a Credential ID") == true)
        #expect(error.fix.contains("`kv-contoso-disc`"))
        #expect(error.evidence("parameter") == "ext.cred.azure.vault_name")
    }

    @Test("a host name in vault_name suggests the bare vault name")
    func hostInConfiguration() throws {
        let error = try failure("linux-root-ssh", configured: "https://kv-contoso-disc.vault.azure.net/")

        #expect(error.code == .configInvalidVaultName)
        #expect(error.fix.contains("`kv-contoso-disc`"))
    }

    @Test("every error shows the credential ID and the expected form")
    func messagesShowIDAndForm() throws {
        let cases: [(String, String?)] = [
            ("linux_root.ssh", vault), ("linux-root-ssh", nil), ("linux-root-ssh:kv-contoso-disc", vault),
            ("linux-root-ssh/\(version)", vault), ("a:b:c", nil),
        ]
        for (text, configured) in cases {
            let error = try failure(text, configured: configured)

            #expect(error.message.contains(text), "\(text)")
            #expect(
                error.evidence("expected form") == CredentialID.expectedForm(vaultNameConfigured: configured != nil)
            )
            #expect(error.evidence("vault_name") == configured ?? "not set")
        }
    }
}
