import MidkvCore
import MidkvSupport

/// Checks a secret value as Key Vault stores it and the MID reads it, and says what is wrong
/// with it and how to fix it, without ever showing the value.
///
/// ```swift
/// let findings = SecretLinter(credentialType: "ssh_private_key").lint(value)
/// ```
///
/// The checks run in order, and each may stop the ones after it:
///
/// 1. Encoding (`secret.encoding`): UTF-8 without a byte-order mark, no NUL bytes, no UTF-16.
/// 2. Size (`secret.too-large`).
/// 3. JSON (`secret.not-json`), read by the resolver's own parser, with line and column.
/// 4. Type and keys, with the resolver's rules and the credential catalogue:
///    `secret.unknown-type`, `secret.type-mismatch`, `secret.missing-field`,
///    `secret.wrong-field-type`, `secret.unknown-field`, `secret.alias-used`.
/// 5. Each field: `secret.invisible-character`, `secret.whitespace`, and for keys
///    `secret.pem-*` and `secret.key-*`.
/// 6. Windows users: `secret.domain-twice`, `secret.domain-empty`.
///
/// Severity follows what the MID can do with the value: an error when it cannot use it, a
/// warning when it probably fails or is fragile, a note for style. Findings name fields, JSON
/// types, lengths, code points, offsets, lines and columns; never a value.
public struct SecretLinter: Sendable {
    /// The check name of every finding.
    public static let check = "secret"
    /// Values larger than this many bytes of UTF-8 are reported as too large.
    ///
    /// Key Vault documents the limit as "25k bytes" without saying whether that is 25,000 or
    /// 25,600 bytes. midkv takes the larger reading for the error, so that it never rejects a
    /// value the service accepts, and warns above ``documentedLimitBytes``.
    public static let maximumValueBytes = 25_600
    /// Values larger than this many bytes may be refused under the stricter reading of the limit.
    public static let documentedLimitBytes = 25_000

    /// The credential type the value is checked for, as the MID sends it; `nil` to use the
    /// secret's own `type`.
    public let credentialType: String?

    /// Creates a linter for values of `credentialType`, or for any type when `nil`.
    public init(credentialType: String? = nil) {
        self.credentialType = credentialType
    }

    /// Checks a value as Key Vault returned it, or as it will be stored.
    public func lint(_ value: Secret) -> [Finding] {
        inspect(Array(value.reveal().utf8)).reportedFindings
    }

    /// Checks the bytes of a file or of standard input, before they are stored.
    public func lint(contentsOf bytes: some Collection<UInt8>) -> [Finding] {
        inspect([UInt8](bytes)).reportedFindings
    }

    /// Runs every check on `bytes`.
    func inspect(_ bytes: [UInt8]) -> SecretInspection {
        var inspection = SecretInspection(requestedType: credentialType)
        inspection.run(bytes)
        return inspection
    }
}
