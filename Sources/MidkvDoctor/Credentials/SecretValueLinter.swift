import MidkvCore
import MidkvSupport

/// The credential value linter the doctor uses: ``SecretLinter`` for the credential's type.
public struct SecretValueLinter: CredentialValueLinter {
    /// Creates the linter.
    public init() {}

    public func findings(for value: Secret, credentialType: String) -> [Finding] {
        SecretLinter(credentialType: credentialType).lint(value)
    }
}
