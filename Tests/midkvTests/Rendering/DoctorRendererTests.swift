import Foundation
import MidkvCore
import MidkvDoctor
import Testing

@testable import midkv

@Suite("Doctor renderer")
struct DoctorRendererTests {
    static let findings: [Finding] = [
        Finding(
            check: "config",
            severity: .error,
            code: .configUnknownParameter,
            message:
                "`ext.cred.azure.clientid` is not a parameter the MID knows; did you mean `ext.cred.azure.client_id`?",
            evidence: [Evidence("file", "/opt/mid/agent/config.xml"), Evidence("line", "24")],
            cause: "Parameter names must match exactly.",
            fix: "Rename it."
        ),
        Finding(check: "network", severity: .ok, code: ErrorCode("network.reachable"), message: "login is reachable"),
        .skipped("identity", "sign-in", because: "config.xml has errors (config.unknown-parameter)"),
    ]

    private var plain: Console {
        Console(environment: ["NO_COLOR": "1"])
    }

    @Test("JSON findings have exactly the shape of midkv.findings/1")
    func jsonShape() throws {
        let report = DoctorReport(findings: Self.findings)

        let doctor = try #require(
            try JSONSerialization.jsonObject(with: Data(DoctorRenderer.json(report).utf8)) as? [String: Any]
        )
        let shared = try #require(
            try JSONSerialization.jsonObject(with: Data(try FindingsRenderer.plain.json(Self.findings).utf8))
                as? [String: Any]
        )

        let mine = try #require(doctor["findings"] as? [NSDictionary])
        let theirs = try #require(shared["findings"] as? [NSDictionary])
        #expect(mine == theirs)
        #expect(doctor["schema"] as? String == "midkv.doctor/1")
        #expect(doctor["status"] as? Int == 1)
        #expect((doctor["summary"] as? [String: Int]) == ["error": 1, "warning": 0, "note": 0, "ok": 1, "skipped": 1])
        let checks = try #require(doctor["checks"] as? [[String: Any]])
        #expect(checks.map { $0["severity"] as? String } == ["error", "ok", "skipped"])
    }

    @Test("a section shows faults in full, passes on one line and skips with their reason")
    func section() {
        let renderer = DoctorRenderer(console: plain)

        let config = renderer.section("config", [Self.findings[0]])
        let network = renderer.section("network", [Self.findings[1]])
        let identity = renderer.section("identity", [Self.findings[2]])

        #expect(
            config == """
                config
                  error[config.unknown-parameter]: `ext.cred.azure.clientid` is not a parameter
                    the MID knows; did you mean `ext.cred.azure.client_id`?
                    file: /opt/mid/agent/config.xml
                    line: 24
                    cause: Parameter names must match exactly.
                    fix: Rename it.
                """
        )
        #expect(network == "network\n  ok[network.reachable]: login is reachable")
        #expect(identity == "identity\n  skipped sign-in: config.xml has errors (config.unknown-parameter)")
    }

    @Test("the summary counts each severity and the skips, and says whether credentials will resolve")
    func summary() {
        let renderer = DoctorRenderer(console: plain)

        #expect(
            renderer.summary(DoctorReport(findings: Self.findings))
                == "1 error, 0 warnings, 0 notes, 1 ok, 1 skipped\n"
                + "Credentials will not resolve until the errors above are fixed."
        )
        #expect(
            renderer.summary(DoctorReport(findings: [Self.findings[1]]))
                == "0 errors, 0 warnings, 0 notes, 1 ok\nNo errors found."
        )
    }
}
