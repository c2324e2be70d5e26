import Foundation
import MidkvCore
import MidkvDoctor
import Testing

@testable import midkv

@Suite("FindingsRenderer")
struct FindingsRendererTests {
    let findings = [
        Finding(
            check: "logs",
            severity: .error,
            code: .logConfigNotLoaded,
            message: "The MID requested an Entra ID token with a null tenant or client ID",
            evidence: [Evidence("occurrences", "2"), Evidence("latest at", "/opt/agent/logs/agent0.log.0:12")],
            cause: "config.xml was edited after the MID started; it reads the file only at start.",
            fix: "Restart the MID service, then test the credential again."
        ),
        Finding(
            check: "config",
            severity: .note,
            code: .configUnknownParameter,
            message: "mid.ext.cred.azure.tenant_id is not a parameter the MID reads",
            evidence: [Evidence("did you mean", "ext.cred.azure.tenant_id")]
        ),
        Finding(
            check: "logs",
            severity: .warning,
            code: .logThrottled,
            message: "Key Vault throttled the MID's requests (HTTP 429)",
            evidence: [Evidence("occurrences", "1")],
            fix: "Spread large Discovery schedules over time."
        ),
        Finding(check: "config", severity: .ok, code: ErrorCode("config.ok"), message: "config.xml is well formed"),
    ]

    @Test("human output groups by check, wraps at 80 columns and ends with the counts")
    func human() {
        let text = FindingsRenderer.plain.human(findings)

        #expect(
            text == """
                logs
                  error[log.config-not-loaded]: The MID requested an Entra ID token with a null
                    tenant or client ID
                    occurrences: 2
                    latest at: /opt/agent/logs/agent0.log.0:12
                    cause: config.xml was edited after the MID started; it reads the file only
                      at start.
                    fix: Restart the MID service, then test the credential again.

                  warning[log.throttled]: Key Vault throttled the MID's requests (HTTP 429)
                    occurrences: 1
                    fix: Spread large Discovery schedules over time.

                config
                  note[config.unknown-parameter]: mid.ext.cred.azure.tenant_id is not a
                    parameter the MID reads
                    did you mean: ext.cred.azure.tenant_id

                  ok[config.ok]: config.xml is well formed

                1 error, 1 warning, 1 note, 1 ok
                """
        )
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("the summary line counts each severity, plural where needed")
    func summary() {
        #expect(FindingsRenderer.plain.summaryLine([]) == "0 errors, 0 warnings, 0 notes")
        #expect(FindingsRenderer.plain.human([]) == "No findings.\n\n0 errors, 0 warnings, 0 notes")
        #expect(FindingsRenderer.plain.summaryLine(findings + findings) == "2 errors, 2 warnings, 2 notes, 2 ok")
    }

    @Test("JSON output is one versioned document: findings with every key, summary, and facts when given")
    func json() throws {
        let text = try FindingsRenderer.plain.json(
            Array(findings.prefix(2)),
            facts: ["lastStart": "2026-03-02 10:00:00.000"]
        )
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])

        #expect(Set(document.keys) == ["schema", "findings", "summary", "facts"])
        #expect(document["schema"] as? String == "midkv.findings/1")
        #expect(document["summary"] as? [String: Int] == ["error": 1, "warning": 0, "note": 1, "ok": 0])
        #expect(document["facts"] as? [String: String] == ["lastStart": "2026-03-02 10:00:00.000"])

        let items = try #require(document["findings"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(Set(items[0].keys) == ["check", "severity", "code", "message", "evidence", "cause", "fix"])
        #expect(items[0]["code"] as? String == "log.config-not-loaded")
        #expect(items[0]["severity"] as? String == "error")
        #expect(
            items[0]["evidence"] as? [[String: String]] == [
                ["label": "occurrences", "value": "2"],
                ["label": "latest at", "value": "/opt/agent/logs/agent0.log.0:12"],
            ]
        )
        #expect(items[1]["cause"] is NSNull && items[1]["fix"] is NSNull)
    }

    @Test("without facts the document has no facts key")
    func jsonWithoutFacts() throws {
        let text = try FindingsRenderer.plain.json([])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])

        #expect(Set(document.keys) == ["schema", "findings", "summary"])
    }

    @Test("colour goes only through the console's style")
    func colour() {
        let console = Console(environment: ["NO_COLOR": "1"])
        #expect(FindingsRenderer(console: console).human(findings) == FindingsRenderer.plain.human(findings))
    }

    @Test("the format option accepts human and json, in any case, and nothing else")
    func formats() throws {
        #expect(try FindingsRenderer.Format(option: nil) == .human)
        #expect(try FindingsRenderer.Format(option: "JSON") == .json)
        #expect(throws: UsageError("unknown format 'yaml' (use human or json)")) {
            try FindingsRenderer.Format(option: "yaml")
        }
    }
}
