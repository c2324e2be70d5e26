import MidkvCore

/// Collects a hop's steps as they run, and marks the rest skipped once one fails.
struct HopRecorder {
    private(set) var report: HopReport
    private let plan: [StepReport.Step]

    init(hop: NetworkHop, path: NetworkPath, isInUse: Bool, plan: [StepReport.Step]) {
        self.report = HopReport(hop: hop, path: path, isInUse: isInUse)
        self.plan = plan
    }

    var facts: HopFacts {
        get { report.facts }
        set { report.facts = newValue }
    }

    mutating func pass(_ step: StepReport.Step, milliseconds: Int?, _ evidence: [Evidence] = []) {
        report.steps.append(StepReport(step: step, status: .passed, milliseconds: milliseconds, evidence: evidence))
    }

    mutating func skip(_ step: StepReport.Step, _ reason: String) {
        report.steps.append(StepReport(step: step, status: .skipped(reason)))
    }

    /// Records `step` as failed and every step after it as skipped for `reason`.
    mutating func fail(_ step: StepReport.Step, milliseconds: Int?, _ evidence: [Evidence], skipping reason: String) {
        report.steps.append(StepReport(step: step, status: .failed, milliseconds: milliseconds, evidence: evidence))
        let remaining = plan.drop { $0 != step }.dropFirst()
        for later in remaining {
            skip(later, reason)
        }
    }
}
