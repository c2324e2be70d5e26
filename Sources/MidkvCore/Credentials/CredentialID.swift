/// The Credential ID an administrator typed on a ServiceNow credential record, split into the
/// Key Vault secret to read and the vault that holds it.
///
/// The form depends on `ext.cred.azure.vault_name` in the MID's config.xml:
///
/// - `vault_name` set: the ID is only the secret name, `linux-root-ssh`, and the vault comes
///   from the configuration.
/// - `vault_name` not set: the ID is `<secret name>:<vault name>`, `linux-root-ssh:kv-contoso-disc`.
///
/// Secret and vault names cannot contain `:`, so one colon splits the ID without ambiguity.
/// Parsing recognises the usual mistakes (a pasted URL, a version suffix, a host name instead of
/// a vault name, reversed parts, whitespace the form does not show) and reports each with the ID
/// that would work. A Credential ID names things; it is not a secret, so errors show it.
public struct CredentialID: Sendable, Hashable, CustomStringConvertible {
    /// Where the vault name came from.
    public enum VaultSource: String, Sendable, Hashable, CustomStringConvertible {
        /// `ext.cred.azure.vault_name` in config.xml.
        case configuration
        /// The `:<vault>` part of the Credential ID.
        case credentialID

        public var description: String {
            switch self {
            case .configuration: "from \(CredentialID.vaultNameParameter)"
            case .credentialID: "from the Credential ID"
            }
        }
    }

    /// Whether the ID names a secret to read or one about to be created; errors about names
    /// that Key Vault cannot hold give the fix that fits.
    public enum Target: Sendable, Hashable {
        /// A secret that should exist: a name Key Vault cannot hold means the real one differs.
        case existingSecret
        /// A secret about to be stored: the name must change, and the record's ID with it.
        case newSecret
    }

    /// The config.xml parameter that names the default vault.
    public static let vaultNameParameter = "ext.cred.azure.vault_name"

    /// The Credential ID exactly as typed.
    public let text: String
    /// The Key Vault secret name.
    public let secretName: String
    /// The Key Vault vault name, without any host suffix.
    public let vaultName: String
    /// Where ``vaultName`` came from.
    public let vaultSource: VaultSource

    /// Parses a Credential ID.
    ///
    /// - Parameters:
    ///   - text: The Credential ID as typed on the credential record, untrimmed.
    ///   - configuredVault: The value of `ext.cred.azure.vault_name`, or `nil` when it is not
    ///     set. An empty value counts as not set.
    ///   - knownVaults: Vault names known from configuration, used to recognise a reversed
    ///     `<vault>:<secret>` ID. Compared without regard to case.
    ///   - target: Whether the secret is read (the default) or about to be created.
    /// - Throws: ``MidkvError`` with code `credential-id.invalid-name`,
    ///   `credential-id.missing-vault`, `credential-id.vault-conflict` or
    ///   `credential-id.not-a-name`; `config.invalid-vault-name` when `configuredVault` itself
    ///   breaks the naming rules.
    public init(
        parsing text: String,
        configuredVault: String?,
        knownVaults: [String] = [],
        for target: Target = .existingSecret
    ) throws(MidkvError) {
        let configured = configuredVault.flatMap { $0.isEmpty ? nil : $0 }
        let parser = CredentialIDParser(
            text: text,
            configuredVault: configured,
            knownVaults: knownVaults,
            target: target
        )
        self = try parser.parse()
    }

    /// Creates an ID from parts already checked.
    init(text: String, secretName: String, vaultName: String, vaultSource: VaultSource) {
        self.text = text
        self.secretName = secretName
        self.vaultName = vaultName
        self.vaultSource = vaultSource
    }

    /// The form a Credential ID must take, given whether `vault_name` is set.
    public static func expectedForm(vaultNameConfigured: Bool) -> String {
        vaultNameConfigured ? "<secret name>" : "<secret name>:<vault name>"
    }

    public var description: String {
        "secret `\(secretName)` in vault `\(vaultName)` (vault \(vaultSource))"
    }
}
