import MidkvCore

/// What one step of a hop showed: passed, failed, or skipped and why.
public struct StepReport: Sendable, Equatable {
    /// The steps of a hop, in the order they run.
    public enum Step: String, Sendable, Equatable, CaseIterable {
        /// The name lookup.
        case dns
        /// The TCP connection (to the host, or to the proxy).
        case tcp
        /// The proxy's `CONNECT` tunnel.
        case proxy = "proxy-connect"
        /// The TLS handshake and the verdict on the certificate chain.
        case tls
        /// The unauthenticated HTTP request.
        case http
    }

    /// How the step ended.
    public enum Status: Sendable, Equatable {
        /// The step succeeded.
        case passed
        /// The step failed; later steps were skipped.
        case failed
        /// The step did not run, for this reason.
        case skipped(String)
    }

    /// The step.
    public var step: Step
    /// How it ended.
    public var status: Status
    /// How long it took, when it ran.
    public var milliseconds: Int?
    /// What it saw.
    public var evidence: [Evidence]

    /// Creates a step report.
    public init(step: Step, status: Status, milliseconds: Int? = nil, evidence: [Evidence] = []) {
        self.step = step
        self.status = status
        self.milliseconds = milliseconds
        self.evidence = evidence
    }

    /// The reason a skipped step gives; `nil` for steps that ran.
    public var skipReason: String? {
        guard case .skipped(let reason) = status else {
            return nil
        }
        return reason
    }
}
