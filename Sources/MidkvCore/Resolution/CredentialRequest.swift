/// One credential the MID asks for, as its resolver receives it.
public struct CredentialRequest: Sendable, Hashable {
    /// The Credential ID typed on the credential record (`id`).
    public var credentialID: String
    /// The credential type string the MID sends (`type`), such as `ssh_private_key`.
    public var type: String
    /// The target's IP address (`ip`), when the MID gives one. Used for logs only.
    public var targetIP: String?
    /// The requesting MID Server's name (`mid`), when given. Used for logs only.
    public var midName: String?

    /// Creates a request.
    public init(credentialID: String, type: String, targetIP: String? = nil, midName: String? = nil) {
        self.credentialID = credentialID
        self.type = type
        self.targetIP = targetIP
        self.midName = midName
    }
}
