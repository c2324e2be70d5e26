import Foundation

/// A process on this machine, as much as the doctor needs to know of it.
public struct RunningProcess: Sendable, Equatable {
    /// The process ID.
    public var pid: Int32
    /// The command line, program first.
    public var commandLine: [String]
    /// The working directory, when it may be read.
    public var workingDirectory: String?
    /// When the process started, when known.
    public var started: Date?

    /// Creates a record.
    public init(pid: Int32, commandLine: [String], workingDirectory: String?, started: Date?) {
        self.pid = pid
        self.commandLine = commandLine
        self.workingDirectory = workingDirectory
        self.started = started
    }

    /// Whether the program is a Java virtual machine, as a MID Server is.
    public var isJava: Bool {
        guard let program = commandLine.first else {
            return false
        }
        let name = URL(fileURLWithPath: program).lastPathComponent
        return name == "java" || name == "java.exe" || name == "javaw"
    }

    /// Whether the process runs from `folder`: its working directory is the folder or inside it,
    /// or its command line names a path inside it.
    public func runs(from folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        if let workingDirectory, workingDirectory == folder || workingDirectory.hasPrefix(prefix) {
            return true
        }
        return commandLine.dropFirst().contains { $0.contains(prefix) || $0.hasSuffix(folder) }
    }
}

/// The processes running on this machine; tests substitute a fixed list.
public protocol ProcessTable: Sendable {
    /// The processes visible to this user.
    func processes() -> [RunningProcess]
}

/// A fixed list of processes.
public struct StaticProcessTable: ProcessTable {
    /// The processes it lists.
    public var entries: [RunningProcess]

    /// Creates a table listing `entries`.
    public init(_ entries: [RunningProcess] = []) {
        self.entries = entries
    }

    public func processes() -> [RunningProcess] {
        entries
    }
}
