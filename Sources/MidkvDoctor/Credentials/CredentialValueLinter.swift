import MidkvCore

/// Looks at the values of a resolved credential for problems the MID would trip over later, such
/// as a private key that lost its line breaks.
///
/// The doctor runs the linter on every credential it resolves; ``NoCredentialValueLinter`` is
/// used until a linter is supplied.
public protocol CredentialValueLinter: Sendable {
    /// The findings for `resolved`; never a value, only its shape.
    func findings(for resolved: ResolvedCredential) -> [Finding]
}

/// A linter that finds nothing.
public struct NoCredentialValueLinter: CredentialValueLinter {
    /// Creates the linter.
    public init() {}

    public func findings(for resolved: ResolvedCredential) -> [Finding] {
        []
    }
}
