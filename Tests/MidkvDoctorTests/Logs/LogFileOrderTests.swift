import Foundation
import MidkvCore
import MidkvTestSupport
import Testing

@testable import MidkvDoctor

@Suite("Log file order")
struct LogFileOrderTests {
    private func files(_ entries: [LogFileOrder.Entry]) -> [String] {
        entries.compactMap { entry in
            if case .file(let path) = entry { path } else { nil }
        }
    }

    @Test("rotations are read oldest first whatever order they are given in; other files keep their place")
    func rotations() {
        let given = [
            "logs/agent0.log.0", "logs/wrapper.log", "logs/agent0.log.2.gz", "logs/agent0.log.10", "logs/agent0.log.1",
            "logs/agent0.log.0",
        ]

        #expect(
            files(LogFileOrder.oldestFirst(given)) == [
                "logs/agent0.log.10", "logs/agent0.log.2.gz", "logs/agent0.log.1", "logs/agent0.log.0",
                "logs/wrapper.log",
            ]
        )
    }

    @Test("a file name without a generation counts as the newest of its log")
    func generations() {
        #expect(LogFileOrder.generation(of: "/opt/agent/logs/agent0.log.3.gz") == ("/opt/agent/logs/agent0.log", 3))
        #expect(LogFileOrder.generation(of: "agent0.log").generation == nil)
        #expect(files(LogFileOrder.oldestFirst(["agent0.log", "agent0.log.0"])) == ["agent0.log.0", "agent0.log"])
    }

    @Test("a folder stands for the agent logs in it; a folder without any is a problem")
    func folders() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for name in ["agent0.log.0", "agent0.log.1", "agent0.log.0.lck", "wrapper.log"] {
            try folder.write(name, "")
        }
        let empty = try TemporaryDirectory()
        defer { empty.remove() }

        let entries = LogFileOrder.oldestFirst([folder.url.path, empty.url.path])
        #expect(files(entries) == [folder.path("agent0.log.1"), folder.path("agent0.log.0")])
        guard case .problem(let error) = entries.last else {
            Issue.record("expected a problem for the empty folder")
            return
        }
        #expect(error.code == .logUnreadable && error.evidence("folder") == empty.url.path)
    }
}
