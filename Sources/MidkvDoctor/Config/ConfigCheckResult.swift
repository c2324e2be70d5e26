import MidkvCore

/// What the config check found, and what it resolved for the checks that follow it.
public struct ConfigCheckResult: Sendable {
    /// The findings, in the order the rules ran.
    public var findings: [Finding] = []
    /// config.xml as the MID reads it, when one was given and could be read.
    public var configFile: MIDConfigFile?
    /// The effective settings, when they could be resolved.
    public var settings: Settings?
    /// How midkv signs in, when the settings allow it.
    public var plan: AuthenticationPlan?
    /// Why the settings allow no sign-in: the flow's own error.
    public var planError: MidkvError?
    /// Why no settings could be resolved.
    public var settingsError: MidkvError?

    /// Creates an empty result.
    public init() {}

    /// Whether any finding is an error.
    public var hasErrors: Bool {
        findings.contains { $0.severity == .error }
    }

    /// The errors that make online checks pointless: every error except `config.not-loaded`,
    /// which concerns the running MID rather than the file midkv reads.
    public var blockingErrors: [Finding] {
        findings.filter { $0.severity == .error && $0.code != .configNotLoaded }
    }
}
