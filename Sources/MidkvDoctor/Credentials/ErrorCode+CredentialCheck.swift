import MidkvCore

extension ErrorCode {
    /// A Credential ID splits into a valid secret and vault name (severity ok).
    public static let credentialIDValid = ErrorCode("credential-id.valid")
    /// A credential resolved into MID fields (severity ok).
    public static let secretResolved = ErrorCode("secret.resolved")
}
