/// A failure explained: what went wrong, what was seen, why, and what to change.
///
/// Every error the resolution flow throws to its callers is a `MidkvError`. Its ``code`` maps
/// to exactly one finding, so `resolve`, the agent and the doctor report the same fault the
/// same way. No field ever holds a secret value.
public struct MidkvError: Error, Sendable, CustomStringConvertible {
    /// The stable code.
    public var code: ErrorCode
    /// One line saying what went wrong.
    public var message: String
    /// What was seen: file and line, host, HTTP status, service error codes.
    public var evidence: [Evidence]
    /// Why it happens, when midkv can tell.
    public var cause: String?
    /// What the user should change.
    public var fix: String
    /// The lower-level error this one explains, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    public init(
        _ code: ErrorCode,
        _ message: String,
        evidence: [Evidence] = [],
        cause: String? = nil,
        fix: String,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.evidence = evidence
        self.cause = cause
        self.fix = fix
        self.underlying = underlying
    }

    /// The value of the first piece of evidence labelled `label`.
    public func evidence(_ label: String) -> String? {
        evidence.first { $0.label == label }?.value
    }

    public var description: String {
        "\(code): \(message)"
    }

    /// A multi-line rendering for terminals: code and message, evidence, cause and fix.
    public var detailedDescription: String {
        var lines = ["error[\(code)]: \(message)"]
        for item in evidence {
            lines.append("  seen: \(item.label): \(item.value)")
        }
        if let cause {
            lines.append("  cause: \(cause)")
        }
        lines.append("  fix: \(fix)")
        return lines.joined(separator: "\n")
    }
}
