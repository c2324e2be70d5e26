import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport

/// Renders `midkv test`: the step trace, then the redacted fields or the error and the findings
/// that explain it; or one JSON document, schema `midkv.test/1`.
///
/// ```
/// {
///   "schema": "midkv.test/1",
///   "credentialId": "linux-root-ssh", "type": "ssh_private_key",
///   "status": 0,                                   // the exit status
///   "steps": [{"step": "identity", "status": "ok", "milliseconds": 0, "detail": "…", "code": null}, …],
///   "credential": {"vault": …, "vaultHost": …, "secret": …, "version": …, "secretType": …,
///                  "fields": {"user": "svc-disc", "pkey": "<redacted>"}, "warnings": [ … ]},   // or null
///   "error": {"code": …, "message": …, "evidence": […], "cause": …, "fix": …},                    // or null
///   "findings": [ … ]                              // the explaining findings, as in midkv.findings/1
/// }
/// ```
struct TestRenderer {
    /// The schema identifier of the JSON document.
    static let schema = "midkv.test/1"

    let console: Console
    let target: CredentialTarget

    // MARK: - Human

    /// The whole human report.
    func human(
        trace: ResolutionTrace,
        outcome: Result<ResolvedCredential, MidkvError>,
        explanation: [Finding]
    ) -> String {
        var blocks = [console.styled("midkv test \(target)", .bold), traceLines(trace).joined(separator: "\n")]
        switch outcome {
        case .success(let resolved):
            blocks.append(CredentialRenderer(console: console, reveal: false).render(resolved))
        case .failure(let error):
            blocks.append(ErrorRenderer(console: console).render(error, colored: console.colorsOutput))
            blocks += explanationBlocks(explanation)
        }
        return blocks.joined(separator: "\n\n")
    }

    private func traceLines(_ trace: ResolutionTrace) -> [String] {
        let width = ResolutionEvent.Step.allCases.map(\.rawValue.count).max() ?? 0
        // Name, status (6) and time (8), each followed by two spaces.
        let indent = String(repeating: " ", count: 2 + width + 2 + 6 + 2 + 8 + 2)
        return trace.rows.flatMap { step, event in
            let name = step.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let event else {
                return ["  \(name)  \(console.styled("not run", .dim))"]
            }
            let (status, detail) = describe(event)
            let digits = String(event.milliseconds)
            let time = String(repeating: " ", count: max(0, 5 - digits.count)) + digits + " ms"
            return TextWrap.lines("  \(name)  \(status)  \(time)  \(detail)", width: 80, indent: indent)
        }
    }

    private func describe(_ event: ResolutionEvent) -> (String, String) {
        switch event.outcome {
        case .succeeded(let detail):
            (console.styled("ok    ", .green), detail)
        case .failed(let error):
            (console.styled("failed", .red), error.code.rawValue)
        }
    }

    private func explanationBlocks(_ findings: [Finding]) -> [String] {
        guard !findings.isEmpty else {
            return []
        }
        let renderer = DoctorRenderer(console: console)
        let sections = DoctorReport(findings: findings).sections.map { renderer.section($0.check, $0.findings) }
        return [console.styled("What the doctor's checks show:", .bold)] + sections
    }

    // MARK: - JSON

    /// The JSON document.
    func json(trace: ResolutionTrace, outcome: Result<ResolvedCredential, MidkvError>, explanation: [Finding]) -> String
    {
        var document: [String: Any] = [
            "schema": Self.schema,
            "credentialId": target.credentialID,
            "type": target.type,
            "steps": trace.rows.map(stepJSON),
            "findings": explanation.map(DoctorRenderer.item),
        ]
        switch outcome {
        case .success(let resolved):
            document["status"] = 0
            document["credential"] = credentialJSON(resolved)
            document["error"] = NSNull()
        case .failure(let error):
            document["status"] = 1
            document["credential"] = NSNull()
            document["error"] = JSONOutput.error(error)
        }
        return JSONOutput.render(document)
    }

    private func stepJSON(_ row: (step: ResolutionEvent.Step, event: ResolutionEvent?)) -> [String: Any] {
        guard let event = row.event else {
            return [
                "step": row.step.rawValue, "status": "not-run", "milliseconds": NSNull(), "detail": NSNull(),
                "code": NSNull(),
            ]
        }
        var item: [String: Any] = ["step": row.step.rawValue, "milliseconds": event.milliseconds]
        switch event.outcome {
        case .succeeded(let detail):
            item["status"] = "ok"
            item["detail"] = detail
            item["code"] = NSNull()
        case .failed(let error):
            item["status"] = "failed"
            item["detail"] = error.message
            item["code"] = error.code.rawValue
        }
        return item
    }

    private func credentialJSON(_ resolved: ResolvedCredential) -> [String: Any] {
        var fields: [String: String] = [:]
        for field in resolved.credential.fields {
            fields[field.key.rawValue] = field.isSensitive ? Secret.redactionMarker : field.value.reveal()
        }
        return [
            "vault": resolved.credentialID.vaultName,
            "vaultHost": resolved.vaultURL.host ?? "",
            "secret": resolved.credentialID.secretName,
            "version": resolved.secretVersion,
            "secretType": resolved.credential.jsonType,
            "fields": fields,
            "warnings": resolved.warnings.map(DoctorRenderer.item),
        ]
    }
}
