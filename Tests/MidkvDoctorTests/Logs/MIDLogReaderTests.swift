import Foundation
import MidkvCore
import MidkvTestSupport
import Testing

@testable import MidkvDoctor

@Suite("MID log reader")
struct MIDLogReaderTests {
    private func records(_ text: String, reader: MIDLogReader = MIDLogReader()) throws -> ([MIDLogRecord], LogFileStats)
    {
        try records(Data(text.utf8), reader: reader)
    }

    private func records(_ data: Data, reader: MIDLogReader = MIDLogReader()) throws -> ([MIDLogRecord], LogFileStats) {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("agent0.log.0")
        try data.write(to: URL(fileURLWithPath: path))
        return try records(at: path, reader: reader)
    }

    private func records(at path: String, reader: MIDLogReader) throws -> ([MIDLogRecord], LogFileStats) {
        var found: [MIDLogRecord] = []
        let stats = try reader.forEachRecord(inFile: path) { found.append($0) }
        return (found, stats)
    }

    @Test("reads the classic layout with both date styles, its level markers and thread names")
    func classicLayout() throws {
        let text = """
            10/11/17 19:00:00 (811) StartupSequencer Initializing AMB client...
            2020-12-14 03:33:54 (551) Worker-Expedited:IPaaSActionProbe-\(MIDLogText.sysID) DEBUG: \
            Calling CredentialResolver
            03/02/26 10:15:01 (007) \(MIDLogText.pipeline) SEVERE *** ERROR *** \
            Problem with client's CredentialResolver:
            03/02/26 10:15:02 (120) ECCQueueMonitor.40 WARNING *** WARNING *** Queue is slow

            """
        let (found, stats) = try records(text)

        #expect(
            found.map(\.thread) == [
                "StartupSequencer", "Worker-Expedited:IPaaSActionProbe-\(MIDLogText.sysID)", MIDLogText.pipeline,
                "ECCQueueMonitor.40",
            ]
        )
        #expect(found.map(\.level) == [.info, .debug, .error, .warning])
        #expect(
            found.map(\.message) == [
                "Initializing AMB client...", "Calling CredentialResolver", "Problem with client's CredentialResolver:",
                "Queue is slow",
            ]
        )
        #expect(
            found.map { $0.timestamp?.description } == [
                "2017-10-11 19:00:00.811", "2020-12-14 03:33:54.551", "2026-03-02 10:15:01.007",
                "2026-03-02 10:15:02.120",
            ]
        )
        #expect(found.map(\.line) == [1, 2, 3, 4])
        #expect(stats.lines == 4 && stats.records == 4 && stats.bytes == text.utf8.count)
    }

    @Test("reads the ISO layout: zone offset, level word, a thread name with a space, class and line")
    func isoLayout() throws {
        let text = """
            2022-10-21T13:08:58.330+0200 INFO (MIDServer) [Main:265] Initializing MID Server
            2022-11-17T02:49:13.201-0800 DEBUG (\(MIDLogText.multiProbe)) [RdpClient:186] \
            Received NTLM response (2 parts)
            """
        let (found, _) = try records(text)

        #expect(found.map(\.thread) == ["MIDServer", MIDLogText.multiProbe])
        #expect(found.map(\.source) == ["Main:265", "RdpClient:186"])
        #expect(found.map(\.level) == [.info, .debug])
        #expect(found[1].message == "Received NTLM response (2 parts)")
        #expect(
            found.map { $0.timestamp?.description } == ["2022-10-21T13:08:58.330+0200", "2022-11-17T02:49:13.201-0800"]
        )
        #expect(found[1].timestamp?.utcOffsetMinutes == -480)
    }

    @Test("joins stack trace lines and CRLF line ends to the record they follow")
    func joinsContinuations() throws {
        let text = [
            "03/02/26 10:15:01 (811) \(MIDLogText.pipeline) SEVERE *** ERROR *** "
                + "Problem with client's CredentialResolver:",
            "java.lang.ClassNotFoundException: com.snc.discovery.CredentialResolver",
            "\tat java.net.URLClassLoader.findClass(URLClassLoader.java:382)",
            "",
            "03/02/26 10:15:02 (004) ECCSender.1 Sending ecc_queue.xml",
        ]
        .joined(separator: "\r\n")
        let (found, stats) = try records(text)

        #expect(found.count == 2)
        #expect(
            found[0].continuation == [
                "java.lang.ClassNotFoundException: com.snc.discovery.CredentialResolver",
                "\tat java.net.URLClassLoader.findClass(URLClassLoader.java:382)", "",
            ]
        )
        #expect(found[1].line == 5 && found[1].message == "Sending ecc_queue.xml")
        #expect(stats.lines == 5)
    }

    @Test("lines before the first timestamp form a record of their own")
    func leadingContinuation() throws {
        let (found, _) = try records("\tat com.snc.Old.run(Old.java:1)\n03/02/26 10:15:02 (004) ECCSender.1 Sending\n")

        #expect(found.count == 2)
        #expect(
            found[0].timestamp == nil && found[0].level == nil && found[0].message == "\tat com.snc.Old.run(Old.java:1)"
        )
    }

    @Test("records come out the same whatever the chunk size, lines and timestamps split across reads")
    func chunkBoundaries() throws {
        var lines: [String] = []
        for index in 0..<400 {
            lines.append(
                MIDLogText.classic(
                    "03/02/26 10:15:\(String(format: "%02d", index % 60)) (\(String(format: "%03d", index)))",
                    MIDLogText.pipeline,
                    "",
                    "step \(index) " + String(repeating: "x", count: index % 97)
                )
            )
            if index % 7 == 0 {
                lines.append("\tat com.service_now.mid.Step\(index).run(Step.java:\(index))")
            }
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("agent0.log.0", lines.joined(separator: "\n"))

        let (whole, wholeStats) = try records(at: path, reader: MIDLogReader())
        let (chunked, chunkedStats) = try records(at: path, reader: MIDLogReader(chunkSize: 128))
        #expect(whole.count == 400 && whole.filter { !$0.continuation.isEmpty }.count == 58)
        #expect(chunked.count == whole.count)
        #expect(zip(chunked, whole).allSatisfy { $0 == $1 })
        #expect(chunkedStats == wholeStats)
    }

    @Test("a record longer than the limit keeps its first bytes, counts as truncated, and the next record is intact")
    func longRecord() throws {
        let huge = String(repeating: "A1b2C3d4 ", count: 20_000)
        let text = """
            03/02/26 10:15:01 (811) \(MIDLogText.pipeline) DEBUG: SOAP body \(huge)
            continuation after the cut
            03/02/26 10:15:02 (004) ECCSender.1 Sending ecc_queue.xml

            """
        let (found, stats) = try records(text, reader: MIDLogReader(chunkSize: 4096, recordLimit: 1024))

        #expect(found.count == 2)
        #expect(found[0].isTruncated && found[0].continuation.isEmpty)
        #expect(found[0].message.utf8.count < 1024)
        #expect(!found[1].isTruncated && found[1].message == "Sending ecc_queue.xml")
        #expect(stats.truncatedRecords == 1 && stats.lines == 3)
    }

    @Test("invalid UTF-8 is decoded leniently and does not stop the scan")
    func invalidUTF8() throws {
        var data = Data("03/02/26 10:15:01 (811) ECCSender.1 bad bytes ".utf8)
        data += Data([0xFF, 0xC3, 0x28, 0x80])
        data += Data(" end\n03/02/26 10:15:02 (004) ECCSender.1 next\n".utf8)
        let (found, _) = try records(data)

        #expect(found.count == 2)
        #expect(found[0].message.hasPrefix("bad bytes \u{FFFD}") && found[0].message.hasSuffix(" end"))
        #expect(found[1].message == "next")
    }

    @Test("a gzip file is refused as compressed, by name or by content")
    func gzip() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let named = try folder.write("agent0.log.3.gz", "not really gzip")
        let disguised = folder.path("agent0.log.4")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x00]).write(to: URL(fileURLWithPath: disguised))

        for path in [named, disguised] {
            let error = #expect(throws: MidkvError.self) {
                try MIDLogReader().forEachRecord(inFile: path) { _ in }
            }
            #expect(error?.code == .logCompressed)
            #expect(error?.evidence("file") == path)
        }
    }

    @Test("a missing file is an error that names the path")
    func missingFile() {
        let error = #expect(throws: MidkvError.self) {
            try MIDLogReader().forEachRecord(inFile: "/nonexistent/agent0.log.0") { _ in }
        }
        #expect(error?.code == .logUnreadable)
        #expect(error?.message.contains("/nonexistent/agent0.log.0") == true)
        #expect(error?.evidence("system error")?.contains("No such file") == true)
    }

    @Test("a device is refused by name instead of being read forever", arguments: ["/dev/zero", "/dev/urandom"])
    func device(path: String) {
        let error = #expect(throws: MidkvError.self) {
            try MIDLogReader().forEachRecord(inFile: path) { _ in }
        }
        #expect(error?.code == .logUnreadable)
        #expect(error?.message == "Cannot read the log file \(path): it is a device, not a file")
    }
}
