import Foundation
import MidkvCore
import MidkvDoctor
import MidkvTestSupport
import Testing

@testable import midkv

@Suite("midkv logs scan")
struct LogsScanCommandTests {
    static let clean = """
        03/02/26 10:00:00 (001) MIDServer MID Server started
        03/02/26 10:00:01 (120) ECCSender.1 Sending ecc_queue.9f0c1e2d3b4a59687f6e5d4c3b2a1908.xml

        """
    static let failing = """
        03/02/26 10:15:01 (811) Worker-Interactive:CommandPipeline-9f0c1e2d3b4a59687f6e5d4c3b2a1908 SEVERE *** ERROR \
        *** Problem with client's CredentialResolver:
        java.lang.ClassNotFoundException: com.snc.discovery.CredentialResolver

        """
    static let throttled = """
        2026-03-02T10:16:01.123+0100 WARN (Worker-Expedited:MultiProbe -9f0c1e2d3b4a59687f6e5d4c3b2a1908) \
        [AzureKeyVault:150] kv-contoso-disc.vault.azure.net answered 429: VaultRequestTypeLimitReached

        """

    private func context(_ folder: TemporaryDirectory) -> CommandContext {
        let environment = ["NO_COLOR": "1"]
        return CommandContext(
            environment: environment,
            currentDirectory: folder.url.path,
            console: Console(environment: environment)
        )
    }

    @Test(
        "exit status: 0 without error findings, 1 with one, 64 for a bad command line",
        arguments: [
            (["logs", "scan", "agent0.log.1"], midkv.ExitStatus.success),
            (["logs", "scan", "warning.log", "--format", "json"], .success),
            (["logs", "scan", "agent0.log.0", "agent0.log.1"], .failure),
            (["logs", "scan", "missing.log"], .failure),
            (["logs", "scan"], .usage),
            (["logs", "scan", "agent0.log.1", "--verbose"], .usage),
            (["logs", "scan", "agent0.log.1", "--format", "yaml"], .usage),
        ]
    )
    func exitStatus(arguments: [String], expected: midkv.ExitStatus) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("agent0.log.0", Self.failing)
        try folder.write("agent0.log.1", Self.clean)
        try folder.write("warning.log", Self.throttled)

        let status = await Tool.main(arguments: arguments, context: context(folder))
        #expect(status == expected)
    }

    @Test("JSON output carries the findings, the MID facts and per-file statistics")
    func json() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let failing = try folder.write("agent0.log.0", Self.failing)
        let clean = try folder.write("agent0.log.1", Self.clean)
        let command = try LogsScanCommand(
            arguments: ParsedArguments.parse(["x", "--format", "json"], specs: LogsScanCommand.options)
        )

        let report = try MIDLogScanner().scan(files: [failing, clean])
        let text = try command.output(for: report, console: nil)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])

        #expect(document["schema"] as? String == "midkv.findings/1")
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["log.resolver-missing"])
        let facts = try #require(document["facts"] as? [String: Any])
        #expect(facts["lastStart"] as? String == "2026-03-02 10:00:00.001")
        #expect(facts["lastStop"] is NSNull)
        let files = try #require(facts["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == [clean, failing])
        #expect(files.map { $0["records"] as? Int } == [2, 1])
        #expect(facts["skipped"] as? [Any] != nil)
    }

    @Test("human output starts with what was read, then the findings and the counts")
    func human() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let clean = try folder.write("agent0.log.1", Self.clean)
        let command = try LogsScanCommand(arguments: ParsedArguments.parse(["x"], specs: LogsScanCommand.options))

        let text = try command.output(for: try MIDLogScanner().scan(files: [clean]), console: nil)

        #expect(
            text == """
                Read 1 file, 2 records, 0.0 MB. Last MID start: 2026-03-02 10:00:00.001.

                logs
                  ok[log.clean]: No known credential failure in 2 records
                    files: 1
                    period: 2026-03-02 10:00:00.001 to 2026-03-02 10:00:01.120

                0 errors, 0 warnings, 0 notes, 1 ok
                """
        )
    }

    @Test("one file with one record is counted in the singular")
    func singular() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let started = try folder.write("agent0.log.0", "03/02/26 10:00:00 (001) MIDServer MID Server started\n")
        let command = try LogsScanCommand(arguments: ParsedArguments.parse(["x"], specs: LogsScanCommand.options))

        let text = try command.output(for: try MIDLogScanner().scan(files: [started]), console: nil)

        let lines = text.split(separator: "\n")
        #expect(lines.first == "Read 1 file, 1 record, 0.0 MB. Last MID start: 2026-03-02 10:00:00.001.")
        #expect(lines.contains("  ok[log.clean]: No known credential failure in 1 record"))
    }

    @Test("the command is listed by midkv help")
    func listed() {
        let line = Tool.overview().split(separator: "\n").first { $0.hasPrefix("  logs scan ") }
        #expect(line?.hasSuffix("  Scan MID agent logs for known credential failures") == true)
    }
}
