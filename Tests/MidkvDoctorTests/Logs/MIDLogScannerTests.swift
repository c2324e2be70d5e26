import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import Testing

@testable import MidkvDoctor

@Suite("MID log scanner")
struct MIDLogScannerTests {
    static let nullTenant = "AzureAccessTokenManager - getTokenWithSecretKey: no token for tenantId=null, clientId=null"

    private func scan(
        _ files: [String: String],
        order: [String],
        reader: MIDLogReader = MIDLogReader()
    ) throws
        -> (LogScanReport, TemporaryDirectory)
    {
        let folder = try TemporaryDirectory()
        for (name, text) in files {
            try folder.write(name, text)
        }
        let report = try MIDLogScanner(reader: reader).scan(files: order.map(folder.path))
        return (report, folder)
    }

    @Test("rotated files are read oldest first, and facts come from the latest records")
    func rotation() throws {
        let older = [
            MIDLogText.classic("03/01/26 08:00:00 (000)", "MIDServer", "", "MID Server started"),
            MIDLogText.classic(
                "03/01/26 09:00:00 (100)",
                MIDLogText.pipeline,
                "SEVERE *** ERROR *** ",
                Self.nullTenant
            ),
            MIDLogText.classic("03/01/26 09:30:00 (200)", "MIDServer", "", "MID Server stopping"),
        ]
        let newer = [
            MIDLogText.iso("2026-03-02T10:00:00.000+0100", "INFO", "MIDServer", "Main:265", "Initializing MID Server"),
            MIDLogText.iso(
                "2026-03-02T11:00:00.500+0100",
                "ERROR",
                MIDLogText.multiProbe,
                "AzureAccessTokenManager:40",
                Self.nullTenant
            ),
        ]
        let (report, folder) = try scan(
            ["agent0.log.0": newer.joined(separator: "\n"), "agent0.log.1": older.joined(separator: "\n")],
            order: ["agent0.log.0", "agent0.log.1"]
        )
        defer { folder.remove() }

        #expect(report.files.map(\.path) == [folder.path("agent0.log.1"), folder.path("agent0.log.0")])
        let summary = try #require(report.signatures.first)
        #expect(summary.count == 2)
        #expect(summary.first?.description == "2026-03-01 09:00:00.100")
        #expect(summary.last?.description == "2026-03-02T11:00:00.500+0100")
        #expect(summary.sample.location == "\(folder.path("agent0.log.0")):2")
        #expect(
            report.facts
                == MIDLogFacts(
                    lastStart: LogTimestamp(
                        year: 2026,
                        month: 3,
                        day: 2,
                        hour: 10,
                        minute: 0,
                        second: 0,
                        utcOffsetMinutes: 60
                    ),
                    lastStop: LogTimestamp(
                        year: 2026,
                        month: 3,
                        day: 1,
                        hour: 9,
                        minute: 30,
                        second: 0,
                        millisecond: 200
                    ),
                    lastNullTenantOrClient: summary.last,
                    firstRecord: LogTimestamp(year: 2026, month: 3, day: 1, hour: 8, minute: 0, second: 0),
                    lastRecord: summary.last
                )
        )
        #expect(report.findings.first?.evidence.last == Evidence("last MID start", "2026-03-02T10:00:00.000+0100"))
    }

    @Test("secrets in matching records never reach findings, summaries or logs")
    func masksSecrets() throws {
        let jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJDQU5BUlktand0In0.Q0FOQVJZLXNpZ25hdHVyZQ"
        let lines = [
            MIDLogText.classic(
                "03/02/26 10:15:01 (811)",
                MIDLogText.pipeline,
                "SEVERE *** ERROR *** ",
                Self.nullTenant + ", user=svc-disc password=CANARY-pw-71 retry"
            ),
            MIDLogText.classic(
                "03/02/26 10:15:02 (811)",
                MIDLogText.pipeline,
                "DEBUG: ",
                "Authorization: Bearer \(jwt)"
            ),
            MIDLogText.classic(
                "03/02/26 10:15:03 (811)",
                MIDLogText.pipeline,
                "SEVERE *** ERROR *** ",
                "POST https://login.microsoftonline.com/t/oauth2/v2.0/token?client_secret=CANARY-cs-72&x=1 "
                    + "failed: AADSTS7000215"
            ),
            MIDLogText.classic(
                "03/02/26 10:15:04 (811)",
                MIDLogText.pipeline,
                "SEVERE *** ERROR *** ",
                "Problem with client's CredentialResolver: token \(jwt) rejected for "
                    + #"{"user":"svc-disc","password":"CANARY-pw-73","type":"ssh_password"}"#
            ),
            "java.lang.IllegalStateException: bad secret JSON",
        ]
        let handler = MemoryLogHandler()
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("agent0.log.0", lines.joined(separator: "\n"))

        let report = try MIDLogScanner(logger: Logger(label: "test", handler: handler, minimumLevel: .trace)).scan(
            files: [path])

        #expect(report.findings.count == 3)
        let text = report.findings.map { finding in
            ([finding.message, finding.cause ?? "", finding.fix ?? ""] + finding.evidence.map(\.description)).joined(
                separator: "\n"
            )
        }
        .joined(separator: "\n")
        let samples = report.signatures.map { [$0.sample.text, $0.sample.matchedText ?? ""].joined(separator: "\n") }
            .joined()
        for output in [text, samples, handler.transcript] {
            #expect(!output.contains("CANARY"))
            #expect(!output.contains("eyJ"))
        }
        #expect(text.contains("password=<redacted>") && text.contains("client_secret=<redacted>&x=1"))
        #expect(text.contains(#""password":"<redacted>""#))
    }

    @Test("a record counts once, for its most specific signature")
    func precedence() throws {
        let lines = LogSignatureTests.cases.first { $0.code == .logResolverMissing }!.lines(LogTime(hour: 9, minute: 5))
        let (report, folder) = try scan(["agent0.log.0": lines.joined(separator: "\n")], order: ["agent0.log.0"])
        defer { folder.remove() }

        #expect(report.findings.map(\.code) == [.logResolverMissing])
    }

    @Test("a reset counts only with a Key Vault or Entra ID host in the record or earlier on its thread")
    func resetContext() throws {
        let lines = [
            MIDLogText.classic("03/02/26 10:15:01 (811)", MIDLogText.pipeline, "DEBUG: ", LogSignatureTests.getSecret),
            MIDLogText.classic(
                "03/02/26 10:15:02 (811)",
                MIDLogText.otherWorker,
                "SEVERE *** ERROR *** ",
                "SSH session to 10.20.30.40 failed"
            ),
            "java.net.SocketException: Connection reset",
            MIDLogText.classic(
                "03/02/26 10:15:03 (811)",
                MIDLogText.otherWorker,
                "SEVERE *** ERROR *** ",
                "read failed: ECONNRESET"
            ),
        ]
        let (report, folder) = try scan(["agent0.log.0": lines.joined(separator: "\n")], order: ["agent0.log.0"])
        defer { folder.remove() }

        #expect(report.signatures.isEmpty)
        #expect(report.findings.map(\.code) == [.logClean])
        #expect(report.findings.first?.message == "No known credential failure in 3 records")
        #expect(report.findings.first?.severity == .ok)
    }

    @Test("compressed and missing files are reported and skipped; the readable ones are still scanned")
    func skippedFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = try folder.write("agent0.log.0", LogSignatureTests.cases[0].lines(LogTime(hour: 9, minute: 5))[0])
        let gzip = try folder.write("agent0.log.1.gz", "")
        let missing = folder.path("agent1.log.0")

        let report = try MIDLogScanner().scan(files: [log, gzip, missing])

        #expect(report.findings.map(\.code) == [.logConfigNotLoaded, .logUnreadable, .logCompressed])
        #expect(report.findings.map(\.severity) == [.error, .error, .note])
        #expect(report.findings[1].evidence.first == Evidence("file", missing))
        #expect(report.findings[2].fix?.contains("gunzip -k \(gzip)") == true)
        #expect(report.skipped.map(\.path) == [gzip, missing])
        #expect(report.files.map(\.path) == [log])
    }

    @Test("a record past the size limit is cut, still matched, and the records after it are intact")
    func longRecord() throws {
        let soap = (0..<3000).map { "<item index=\"\($0)\">discovery payload</item>" }
        let lines =
            [
                MIDLogText.classic(
                    "03/02/26 10:15:01 (811)",
                    MIDLogText.pipeline,
                    "SEVERE *** ERROR *** ",
                    "Token request failed: AADSTS7000222 secret expired, request body:"
                )
            ]
            + soap + [LogSignatureTests.cases[0].lines(LogTime(hour: 10, minute: 16))[0]]
        let (report, folder) = try scan(
            ["agent0.log.0": lines.joined(separator: "\n")],
            order: ["agent0.log.0"],
            reader: MIDLogReader(chunkSize: 8192, recordLimit: 16 * 1024)
        )
        defer { folder.remove() }

        #expect(report.files.first?.truncatedRecords == 1)
        #expect(report.files.first?.records == 2 && report.files.first?.lines == 3002)
        #expect(Set(report.signatures.map(\.code)) == [.logTokenError, .logConfigNotLoaded])
        #expect(report.signatures.allSatisfy { $0.sample.text.count <= 240 })
    }

    @Test("invalid UTF-8 in a record neither stops the scan nor hides the failure")
    func invalidUTF8() throws {
        var data = Data(
            MIDLogText.classic("03/02/26 10:15:01 (811)", MIDLogText.pipeline, "SEVERE *** ERROR *** ", "user ").utf8
        )
        data += Data([0xC3, 0x28, 0xFF])
        data += Data(" \(Self.nullTenant)\n".utf8)
        data += Data(MIDLogText.traffic("03/02/26 10:15:02 (000)").joined(separator: "\n").utf8)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("agent0.log.0")
        try data.write(to: URL(fileURLWithPath: path))

        let report = try MIDLogScanner().scan(files: [path])

        #expect(report.signatures.map(\.code) == [.logConfigNotLoaded])
        #expect(report.signatures.first?.sample.text.contains("user \u{FFFD}(\u{FFFD}") == true)
        #expect(report.files.first?.records == 4)
    }

    @Test("a file in no MID layout gets a note instead of a clean bill")
    func unrecognized() throws {
        let wrapper =
            """
            INFO   | jvm 1    | 2026/03/02 10:15:01 | MID Server started
            STATUS | wrapper  | 2026/03/02 10:15:02 | ok

            """
        let (report, folder) = try scan(["wrapper.log": wrapper], order: ["wrapper.log"])
        defer { folder.remove() }

        #expect(report.findings.map(\.code) == [.logUnrecognized])
        #expect(report.findings.first?.severity == .note)
    }

    @Test("an empty list of files is refused")
    func noFiles() {
        let error = #expect(throws: MidkvError.self) {
            try MIDLogScanner().scan(files: [])
        }
        #expect(error?.code == .usageInvalid)
    }
}
