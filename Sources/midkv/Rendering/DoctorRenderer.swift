import Foundation
import MidkvCore
import MidkvDoctor

/// Renders `midkv doctor`: a header, the findings grouped by check, and a summary, for an
/// 80-column terminal; or one JSON document, schema `midkv.doctor/1`.
///
/// Human output shows each failing or noteworthy finding with its evidence, cause and fix,
/// passed checks on one line each, and skipped ones with their reason. Colour comes only from
/// ``Console``.
///
/// The JSON document:
///
/// ```
/// {
///   "schema": "midkv.doctor/1",
///   "status": 1,                           // the exit status: 1 when any finding is an error
///   "summary": {"error": 1, "warning": 0, "note": 2, "ok": 5, "skipped": 1},
///   "checks": [{"check": "config", "severity": "ok", "findings": 1}, …],  // in run order, worst severity
///   "findings": [ … ],                     // items exactly as in midkv.findings/1
///   "facts": {"configFile": …, "signIn": …, "vaultHosts": […], "principal": …, "lastMIDStart": …,
///             "offline": false}            // strings or null
/// }
/// ```
///
/// Keys are sorted. Fields are only added within version 1.
struct DoctorRenderer {
    /// The schema identifier of the JSON document.
    static let schema = "midkv.doctor/1"

    let console: Console
    var width = 80

    // MARK: - Human

    /// The lines printed before the checks run.
    func header(configPath: String?, offline: Bool) -> String {
        let file = configPath ?? "none (settings from flags and environment only)"
        var lines = [console.styled("midkv doctor", .bold)]
        lines += TextWrap.lines("  config.xml  \(file)", width: width, indent: "              ")
        if offline {
            lines.append("  mode        offline: only checks that need no network")
        }
        return lines.joined(separator: "\n")
    }

    /// One check's findings under its name.
    func section(_ check: String, _ findings: [Finding]) -> String {
        ([console.styled(check, .bold)] + findings.flatMap(lines)).joined(separator: "\n")
    }

    /// The closing lines: counts, and what the exit status means.
    func summary(_ report: DoctorReport) -> String {
        let counts = report.summary
        var parts = [
            Counted.phrase(counts.errors, "error"), Counted.phrase(counts.warnings, "warning"),
            Counted.phrase(counts.notes, "note"),
            "\(counts.ok) ok",
        ]
        if counts.skipped > 0 {
            parts.append("\(counts.skipped) skipped")
        }
        let verdict =
            report.hasErrors
            ? console.styled("Credentials will not resolve until the errors above are fixed.", .red)
            : console.styled("No errors found.", .green)
        return parts.joined(separator: ", ") + "\n" + verdict
    }

    private func lines(_ finding: Finding) -> [String] {
        if finding.isSkipped {
            let reason = finding.evidence.first { $0.label == "reason" }?.value ?? finding.message
            let what = finding.evidence.first { $0.label == "skipped" }?.value ?? ""
            return wrap("  \(console.styled("skipped", .dim)) \(what): \(reason)", indent: "    ")
        }
        let label = console.styled(finding.severity.description, color(finding.severity))
        let head = wrap("  \(label)[\(finding.code)]: \(finding.message)", indent: "    ")
        guard finding.severity > .ok else {
            return head
        }

        var lines = head
        for item in finding.evidence {
            lines += wrap("    \(item.label): \(item.value)", indent: "      ")
        }
        if let cause = finding.cause {
            lines += wrap("    \(console.styled("cause:", .bold)) \(cause)", indent: "      ")
        }
        if let fix = finding.fix {
            lines += wrap("    \(console.styled("fix:", .bold)) \(fix)", indent: "      ")
        }
        return lines
    }

    private func wrap(_ text: String, indent: String) -> [String] {
        TextWrap.lines(text, width: width, indent: indent)
    }

    private func color(_ severity: Finding.Severity) -> Console.Style {
        switch severity {
        case .ok: .green
        case .note: .cyan
        case .warning: .yellow
        case .error: .red
        }
    }

    // MARK: - JSON

    /// The JSON document for `report`.
    static func json(_ report: DoctorReport) -> String {
        let summary = report.summary
        let document: [String: Any] = [
            "schema": schema,
            "status": Int(report.exitStatus),
            "summary": [
                "error": summary.errors, "warning": summary.warnings, "note": summary.notes, "ok": summary.ok,
                "skipped": summary.skipped,
            ],
            "checks": report.sections.map { section -> [String: Any] in
                let worst = section.findings.map(\.severity).max() ?? .ok
                let allSkipped = section.findings.allSatisfy(\.isSkipped)
                return [
                    "check": section.check, "severity": allSkipped ? "skipped" : worst.description,
                    "findings": section.findings.count,
                ]
            },
            "findings": report.findings.map(item),
            "facts": facts(report.facts),
        ]
        return JSONOutput.render(document)
    }

    /// One finding, shaped as in `midkv.findings/1`: absent cause and fix are `null`.
    static func item(_ finding: Finding) -> [String: Any] {
        [
            "check": finding.check,
            "severity": finding.severity.description,
            "code": finding.code.rawValue,
            "message": finding.message,
            "evidence": finding.evidence.map { ["label": $0.label, "value": $0.value] },
            "cause": finding.cause ?? NSNull(),
            "fix": finding.fix ?? NSNull(),
        ]
    }

    private static func facts(_ facts: DoctorFacts) -> [String: Any] {
        [
            "configFile": facts.configFile ?? NSNull(),
            "signIn": facts.signIn ?? NSNull(),
            "vaultHosts": facts.vaultHosts,
            "principal": facts.principal ?? NSNull(),
            "lastMIDStart": facts.lastMIDStart ?? NSNull(),
            "offline": facts.offline,
        ]
    }
}
