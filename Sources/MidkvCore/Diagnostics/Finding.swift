/// One result of a diagnostic check: a fault, a risk, a remark, or a pass.
public struct Finding: Sendable, Equatable {
    /// How much a finding matters.
    public enum Severity: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
        /// The check passed.
        case ok
        /// Worth knowing; nothing to change.
        case note
        /// Works today but is fragile or likely to fail later.
        case warning
        /// Credentials will not resolve until this is fixed.
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        public var description: String {
            switch self {
            case .ok: "ok"
            case .note: "note"
            case .warning: "warning"
            case .error: "error"
            }
        }
    }

    /// The check that produced the finding, such as `config` or `vault`.
    public var check: String
    /// How much it matters.
    public var severity: Severity
    /// The stable code.
    public var code: ErrorCode
    /// One line saying what was found.
    public var message: String
    /// What was seen.
    public var evidence: [Evidence]
    /// Why it happens, when known.
    public var cause: String?
    /// What to change, when something should change.
    public var fix: String?

    /// Creates a finding.
    public init(
        check: String,
        severity: Severity,
        code: ErrorCode,
        message: String,
        evidence: [Evidence] = [],
        cause: String? = nil,
        fix: String? = nil
    ) {
        self.check = check
        self.severity = severity
        self.code = code
        self.message = message
        self.evidence = evidence
        self.cause = cause
        self.fix = fix
    }

    /// The finding that reports `error`: same code, message, evidence, cause and fix.
    public init(error: MidkvError, check: String, severity: Severity = .error) {
        self.init(
            check: check,
            severity: severity,
            code: error.code,
            message: error.message,
            evidence: error.evidence,
            cause: error.cause,
            fix: error.fix
        )
    }
}
