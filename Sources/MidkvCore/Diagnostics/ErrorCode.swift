/// A stable, dotted identifier for one kind of failure or finding, such as `vault.secret-not-found`.
///
/// Errors thrown by the resolution flow and findings reported by diagnostics share this one
/// code space, so `resolve`, the agent and the doctor always name a fault the same way. The
/// part before the first dot is the ``family``. Codes are part of midkv's interface: scripts
/// match on them, so an existing code never changes meaning.
public struct ErrorCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The dotted code, such as `identity.invalid-secret`.
    public let rawValue: String

    /// Creates a code from its dotted form.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The family, the part before the first dot: `config`, `network`, `identity`, `vault`,
    /// `credential-id`, `secret`, `log` or `usage`.
    public var family: String {
        String(rawValue.prefix { $0 != "." })
    }

    public var description: String {
        rawValue
    }

    public static func < (lhs: ErrorCode, rhs: ErrorCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
