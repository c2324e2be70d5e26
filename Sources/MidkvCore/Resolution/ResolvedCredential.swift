import Foundation

/// A credential resolved from Key Vault: the MID fields and where they came from.
public struct ResolvedCredential: Sendable {
    /// What was asked for.
    public var request: CredentialRequest
    /// The secret and vault the Credential ID named.
    public var credentialID: CredentialID
    /// The vault's URL.
    public var vaultURL: URL
    /// The version of the secret that was read.
    public var secretVersion: String
    /// The MID resolver fields.
    public var credential: MIDCredential
    /// Things worth knowing that did not stop the resolution: an expired secret, an alias used.
    public var warnings: [Finding]

    /// Creates a result.
    public init(
        request: CredentialRequest,
        credentialID: CredentialID,
        vaultURL: URL,
        secretVersion: String,
        credential: MIDCredential,
        warnings: [Finding]
    ) {
        self.request = request
        self.credentialID = credentialID
        self.vaultURL = vaultURL
        self.secretVersion = secretVersion
        self.credential = credential
        self.warnings = warnings
    }
}
