import Foundation
import MidkvTestSupport

extension MidkvProcess {
    /// Runs `midkv` with `arguments`, feeding `input` to its standard input.
    static func run(
        _ arguments: [String],
        input: Data,
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
            let stdin = Pipe()
            let out = Pipe()
            let err = Pipe()
            process.standardInput = stdin
            process.standardOutput = out
            process.standardError = err

            try process.run()
            let feeder = PipeTask {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
            let errors = PipeTask(reading: err.fileHandleForReading)
            let output = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            _ = feeder.wait()
            return Result(
                status: process.terminationStatus,
                stdout: String(decoding: output, as: UTF8.self),
                stderr: String(decoding: errors.wait(), as: UTF8.self)
            )
        }
    }
}

/// Work on a thread of its own, for the ends of a pipe that must not wait on each other.
private final class PipeTask: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            work()
            done.signal()
        }
        thread.start()
    }

    init(reading handle: FileHandle) {
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
