import Foundation
import MidkvTestSupport

/// Runs the built `midkv` binary as a user would, confined to loopback, and captures what it
/// prints.
struct MidkvProcess {
    /// What one run produced.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Both streams, for searching.
        var output: String {
            stdout + stderr
        }
    }

    /// The `midkv` binary built next to this test bundle.
    static var binary: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("midkv")
    }

    /// Runs `midkv` with `arguments`, the given extra environment, in `directory`.
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        directory: String? = nil
    ) async throws -> Result {
        try await onDedicatedThread {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.environment = [
                "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1", "MIDKV_LOOPBACK_ONLY": "1",
            ].merging(environment) { _, new in new }
            if let directory {
                process.currentDirectoryURL = URL(fileURLWithPath: directory)
            }
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice

            try process.run()
            let errData = ReadInBackground(err.fileHandleForReading)
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus,
                stdout: String(decoding: outData, as: UTF8.self),
                stderr: String(decoding: errData.wait(), as: UTF8.self)
            )
        }
    }
}

/// Reads a file handle to its end on a thread of its own.
private final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
        thread.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
