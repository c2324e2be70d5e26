import MidkvCore
import MidkvSupport

/// Looks at the raw value of a credential's Key Vault secret for problems the MID would trip over
/// later, such as a private key that lost its line breaks.
///
/// The doctor fetches the value a second time for the linter, with the token it already has, only
/// when the linter ``isActive``. It uses ``SecretValueLinter`` unless told otherwise;
/// ``NoCredentialValueLinter`` turns linting (and the second read) off.
public protocol CredentialValueLinter: Sendable {
    /// Whether the linter looks at anything; an inactive one saves the extra read.
    var isActive: Bool { get }

    /// The findings for `value`, read for a credential of `credentialType`; never a value, only
    /// its shape.
    func findings(for value: Secret, credentialType: String) -> [Finding]
}

extension CredentialValueLinter {
    public var isActive: Bool {
        true
    }
}

/// A linter that finds nothing.
public struct NoCredentialValueLinter: CredentialValueLinter {
    /// Creates the linter.
    public init() {}

    public var isActive: Bool {
        false
    }

    public func findings(for value: Secret, credentialType: String) -> [Finding] {
        []
    }
}
