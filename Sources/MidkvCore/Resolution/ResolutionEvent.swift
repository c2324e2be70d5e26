/// One step of a resolution, reported as it happens so `midkv test` can print a trace.
public struct ResolutionEvent: Sendable {
    /// The steps, in the order a resolution takes them.
    public enum Step: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Choosing how to authenticate from the settings.
        case identity
        /// Splitting the Credential ID into secret and vault.
        case credentialID = "credential-id"
        /// Obtaining an access token.
        case token
        /// Reading the secret from Key Vault.
        case vault
        /// Parsing the secret's JSON into MID fields.
        case fields

        public var description: String {
            rawValue
        }
    }

    /// How the step ended.
    public enum Outcome: Sendable {
        /// The step worked; the text says what it found.
        case succeeded(String)
        /// The step failed with this error.
        case failed(MidkvError)
    }

    /// The step.
    public var step: Step
    /// How it ended.
    public var outcome: Outcome
    /// How long it took.
    public var duration: Duration

    /// Creates an event.
    public init(step: Step, outcome: Outcome, duration: Duration) {
        self.step = step
        self.outcome = outcome
        self.duration = duration
    }
}
