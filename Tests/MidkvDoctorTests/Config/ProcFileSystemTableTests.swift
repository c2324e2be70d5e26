import Foundation
import MidkvDoctor
import MidkvTestSupport
import Testing

@Suite("/proc process table")
struct ProcFileSystemTableTests {
    /// Lays out a `/proc`-like tree: boot time, and one process with a command line, a working
    /// directory link and a `stat` line.
    private func tree(in directory: TemporaryDirectory, agent: String) throws -> String {
        let root = directory.path("proc")
        try directory.write("proc/stat", "cpu  1 2 3 4\nbtime 1780000000\nprocesses 77\n")
        let command = ["/opt/mid/agent/jre/bin/java", "-classpath", "\(agent)/lib/mid.jar", "MIDServer"]
        try directory.write("proc/4242/cmdline", command.joined(separator: "\0") + "\0")
        // Field 22 (start time) is 50000 ticks; the command name holds a space and a parenthesis.
        let fields = ["S"] + Array(repeating: "0", count: 18) + ["50000", "0"]
        try directory.write("proc/4242/stat", "4242 (java (mid)) " + fields.joined(separator: " ") + "\n")
        try FileManager.default.createSymbolicLink(atPath: "\(root)/4242/cwd", withDestinationPath: agent)
        try directory.write("proc/self/cmdline", "ignored\0")
        try FileManager.default.createDirectory(atPath: "\(root)/77", withIntermediateDirectories: true)
        return root
    }

    @Test("reads command line, working directory and start time; skips non-numeric and empty entries")
    func reads() throws {
        let directory = try TemporaryDirectory(prefix: "midkv-proc")
        defer { directory.remove() }
        let agent = "/opt/servicenow/mid/agent"

        let table = ProcFileSystemTable(root: try tree(in: directory, agent: agent), ticksPerSecond: 100)
        let processes = table.processes()

        #expect(processes.count == 1)
        let process = try #require(processes.first)
        #expect(process.pid == 4_242)
        #expect(
            process.commandLine == ["/opt/mid/agent/jre/bin/java", "-classpath", "\(agent)/lib/mid.jar", "MIDServer"]
        )
        #expect(process.workingDirectory == agent)
        #expect(process.started == Date(timeIntervalSince1970: 1_780_000_500))
        #expect(process.isJava)
        #expect(process.runs(from: agent))
        #expect(!process.runs(from: "/opt/servicenow/mid2/agent"))
    }

    @Test("this machine's own /proc lists the test process")
    func ownProcess() {
        let own = ProcFileSystemTable().processes().first { $0.pid == getpid() }

        #expect(own?.started != nil)
        #expect(own?.workingDirectory == FileManager.default.currentDirectoryPath)
    }
}
