import MidkvCore
import MidkvTransport

/// Turns hop reports into findings: one per failing hop with its cause and fix, one `ok` per
/// passing hop with its timings.
///
/// A hop on a path the MID Server does not take (the direct path to a host it reaches through
/// the proxy) is context only: its findings, failures and passes alike, are notes.
struct NetworkFindings {
    let configuration: NetworkCheck.Configuration
    let nameServers: [String]

    /// The findings of each report, in the order of `reports`. A finding that concerns several
    /// hops, such as a proxy that cannot be reached, is listed under each of them.
    func findingsByHop(for reports: [HopReport]) -> [[Finding]] {
        reports.map { findings(for: $0, among: reports) }
    }

    /// `findings` in order without duplicates, so a proxy that cannot be reached is reported
    /// once, not once per hop.
    static func unique(_ findings: [Finding]) -> [Finding] {
        var unique: [Finding] = []
        for finding in findings where !unique.contains(finding) {
            unique.append(finding)
        }
        return unique
    }

    private func findings(for report: HopReport, among reports: [HopReport]) -> [Finding] {
        if report.hop.role == .imds {
            return imdsFindings(for: report, among: reports)
        }

        guard let failed = report.failedStep else {
            let passes = passFindings(for: report)
            return report.isInUse ? passes : passes.map(context)
        }
        let finding = failure(at: failed.step, of: report, among: reports)
        return [report.isInUse ? finding : context(finding)]
    }

    func failure(at step: StepReport.Step, of report: HopReport, among reports: [HopReport]) -> Finding {
        switch (step, report.path) {
        case (.dns, .direct):
            return dnsFinding(for: report, among: reports)
        case (.dns, .proxy), (.tcp, .proxy):
            return proxyUnreachable(report)
        case (.tcp, .direct):
            return tcpFinding(for: report, connection: report.facts.tcp)
        case (.proxy, _):
            return tunnelRefused(report, report.facts.proxy)
        case (.tls, _):
            return tlsFinding(for: report, among: reports)
        case (.http, _):
            return httpFinding(for: report, among: reports)
        }
    }

    // MARK: - Passing hops

    private func passFindings(for report: HopReport) -> [Finding] {
        var findings: [Finding] = []
        if report.facts.recoveredFromReset {
            findings.append(transientReset(report))
        }

        if let verdict = report.facts.verdict, verdict.kind == .intercepted {
            findings.append(intercepted(report, verdict: verdict))
            return findings
        }
        return findings + [reachable(report)]
    }

    func reachable(_ report: HopReport) -> Finding {
        let answer =
            switch report.hop.role {
            case .vault: "Key Vault answered with its challenge"
            case .token: "the token service answered"
            case .imds: "the instance metadata service answered"
            }
        return Finding(
            check: NetworkCheck.checkName,
            severity: .ok,
            code: .networkReachable,
            message: "\(report.hop) is reachable \(report.path.phrase); \(answer)",
            evidence: base(report) + passEvidence(report)
        )
    }

    private func passEvidence(_ report: HopReport) -> [Evidence] {
        var evidence: [Evidence] = []
        if let tcp = report.facts.tcp {
            evidence.append(Evidence("address", Endpoint.text(tcp.address, tcp.port)))
        }
        for step in report.steps {
            if let milliseconds = step.milliseconds, step.status == .passed {
                evidence.append(Evidence("\(step.step.rawValue) time", "\(milliseconds) ms"))
            }
        }
        evidence += report.steps.flatMap { $0.status == .passed ? $0.evidence : [] }.filter { $0.label != "address" }
        if let root = report.facts.verdict?.rootSubject {
            evidence.append(Evidence("root", root))
        }
        if let tenant = report.facts.challenge?.tenantID {
            evidence.append(Evidence("vault tenant", tenant))
        }
        return evidence
    }

    private func transientReset(_ report: HopReport) -> Finding {
        Finding(
            check: NetworkCheck.checkName,
            severity: .note,
            code: .networkReset,
            message: "The first HTTP request to \(report.hop) was reset; a second one succeeded",
            evidence: base(report),
            cause: "A stale connection or a briefly unhappy middlebox, not a blocked path.",
            fix: "Nothing to change unless it keeps happening."
        )
    }

    // MARK: - Shared parts

    /// The host, port and path every finding about `report` starts with.
    func base(_ report: HopReport) -> [Evidence] {
        [
            Evidence("host", report.hop.host),
            Evidence("port", String(report.hop.port)),
            Evidence("path", report.path.description),
        ]
    }

    /// The first other hop on the same path that passed, for context (`login host OK`).
    func passedNeighbour(of report: HopReport, among reports: [HopReport]) -> HopReport? {
        reports.first { other in
            other.hop.host != report.hop.host && other.path == report.path && other.passed && other.hop.role != .imds
        }
    }

    /// A finding about a path the MID does not take, as a note that says which path it takes.
    private func context(_ finding: Finding) -> Finding {
        var note = finding
        note.severity = .note
        var context = "The MID Server does not take this path with the current proxy settings"
        if let proxy = configuration.proxy {
            context += ": it goes \(NetworkPath.proxy(host: proxy.host, port: proxy.port).phrase)"
        }
        note.cause = [finding.cause, context + "."].compactMap { $0 }.joined(separator: " ")
        return note
    }

    func finding(
        _ code: ErrorCode,
        _ report: HopReport,
        _ message: String,
        evidence: [Evidence],
        cause: String?,
        fix: String
    ) -> Finding {
        Finding(
            check: NetworkCheck.checkName,
            severity: .error,
            code: code,
            message: message,
            evidence: base(report) + evidence,
            cause: cause,
            fix: fix
        )
    }
}
