import Foundation
import Glibc

/// Lists processes from a Linux `/proc` file system.
///
/// For each numeric entry it reads `cmdline` (NUL-separated), the `cwd` link and the start time
/// from `stat` (field 22, clock ticks since boot, plus `btime` from the root's `stat`). Processes
/// of other users whose details cannot be read are listed with what could be read. The root is
/// a parameter so tests can lay out a tree of their own.
public struct ProcFileSystemTable: ProcessTable {
    /// The folder holding the process entries, `/proc` by default.
    public var root: String
    /// Clock ticks per second for `stat` start times.
    public var ticksPerSecond: Double

    /// Creates a table over `root`.
    public init(root: String = "/proc", ticksPerSecond: Double? = nil) {
        self.root = root
        self.ticksPerSecond = ticksPerSecond ?? Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
    }

    public func processes() -> [RunningProcess] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let bootTime = self.bootTime()
        return entries.compactMap { Int32($0) }.sorted().compactMap { pid in
            process(pid, bootTime: bootTime)
        }
    }

    private func process(_ pid: Int32, bootTime: Date?) -> RunningProcess? {
        let folder = "\(root)/\(pid)"
        guard let data = FileManager.default.contents(atPath: "\(folder)/cmdline"), !data.isEmpty else {
            return nil
        }

        let commandLine = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let directory = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/cwd")
        return RunningProcess(
            pid: pid,
            commandLine: commandLine,
            workingDirectory: directory,
            started: startTime(folder, bootTime: bootTime)
        )
    }

    private func startTime(_ folder: String, bootTime: Date?) -> Date? {
        guard let bootTime, let text = read("\(folder)/stat"), let close = text.lastIndex(of: ")") else {
            return nil
        }

        let fields = text[text.index(after: close)...].split(separator: " ")
        // Fields after the command name start at field 3 (state); start time is field 22.
        guard fields.count > 19, let ticks = Double(fields[19]) else {
            return nil
        }
        return bootTime.addingTimeInterval(ticks / ticksPerSecond)
    }

    private func bootTime() -> Date? {
        guard let text = read("\(root)/stat") else {
            return nil
        }
        let line = text.split(separator: "\n").first { $0.hasPrefix("btime ") }
        return line.flatMap { Double($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
            .map { Date(timeIntervalSince1970: $0) }
    }

    private func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
