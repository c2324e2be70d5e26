/// How one hop fared on one path: each step's outcome and the probe facts behind them.
public struct HopReport: Sendable {
    /// The destination.
    public var hop: NetworkHop
    /// How it was reached.
    public var path: NetworkPath
    /// Whether this is the path the MID Server takes to the hop with the given settings.
    public var isInUse: Bool
    /// The steps, in order.
    public var steps: [StepReport]
    /// The probe results.
    public var facts: HopFacts

    /// Creates a report.
    public init(
        hop: NetworkHop,
        path: NetworkPath,
        isInUse: Bool,
        steps: [StepReport] = [],
        facts: HopFacts = HopFacts()
    ) {
        self.hop = hop
        self.path = path
        self.isInUse = isInUse
        self.steps = steps
        self.facts = facts
    }

    /// The report of `step`, when the hop has that step.
    public func step(_ step: StepReport.Step) -> StepReport? {
        steps.first { $0.step == step }
    }

    /// The step that failed, if one did.
    public var failedStep: StepReport? {
        steps.first { $0.status == .failed }
    }

    /// Whether every step that ran passed.
    public var passed: Bool {
        failedStep == nil
    }
}
