import MidkvCore

/// A kind of MID agent log record that points at a known fault, with what it means and the fix.
///
/// A record matches when it contains one of the signature's triggers (ASCII case ignored) and,
/// for triggers that need it, the record or an earlier record of the same thread mentions the
/// trigger's context (for example a Key Vault host). Records that match several signatures count
/// for the first one in ``LogSignature/catalogue`` only.
public struct LogSignature: Sendable {
    /// What a trigger needs to have been mentioned nearby before it counts.
    public enum Context: Sendable, Hashable, CaseIterable {
        /// A Key Vault or Entra ID host, the Azure token manager or Key Vault classes.
        case azure
        /// The Azure token manager (`AzureAccessTokenManager`, `AzureTokenManager`,
        /// `getTokenWithSecretKey`).
        case tokenManager
        /// Credentials or the credential resolver.
        case credential
    }

    /// Text that makes a record match.
    public struct Trigger: Sendable {
        /// The text, compared without ASCII case.
        public var text: String
        /// The variant a match reports when ``LogSignature/variantRule`` is `.trigger`.
        public var variant: String?
        /// What must be mentioned nearby, or `nil`.
        public var context: Context?
    }

    /// How matches of one signature are told apart.
    public enum VariantRule: Sendable {
        /// All matches are one kind.
        case none
        /// The trigger's ``Trigger/variant`` names the kind.
        case trigger
        /// The AADSTS code that follows the trigger, such as `AADSTS7000215`.
        case aadsts
        /// The Java exception class in the record, the last `Caused by:` first.
        case exceptionClass
    }

    /// What one kind of match means, for a MID administrator.
    public struct Explanation: Sendable {
        /// One line saying what was found.
        public var message: String
        /// Why it happens.
        public var cause: String
        /// What to change.
        public var fix: String
    }

    /// The stable code of the findings this signature produces.
    public var code: ErrorCode
    /// The severity of its findings.
    public var severity: Finding.Severity
    /// Whether one occurrence alone can be a passing glitch: it is then reported as a warning.
    public var isTransient: Bool
    /// The texts that make a record match.
    public var triggers: [Trigger]
    /// How matches are told apart.
    public var variantRule: VariantRule
    /// The explanation of a match of `variant`.
    public var explain: @Sendable (_ variant: String?) -> Explanation

    /// The severity of a finding that counts `occurrences` matches.
    func severity(occurrences: Int) -> Finding.Severity {
        isTransient && occurrences == 1 ? .warning : severity
    }
}

extension LogSignature.Trigger {
    /// A trigger with no context requirement.
    static func text(_ text: String, variant: String? = nil) -> Self {
        Self(text: text, variant: variant, context: nil)
    }

    /// A trigger that counts only with `context` mentioned nearby.
    static func text(_ text: String, near context: LogSignature.Context, variant: String? = nil) -> Self {
        Self(text: text, variant: variant, context: context)
    }
}
