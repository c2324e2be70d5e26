import Foundation
import Glibc
import MidkvTestSupport

extension MidkvProcess {
    /// Runs `midkv` with `arguments`, feeding `input` to its standard input.
    ///
    /// The pipes are read and written with `read` and `write` directly, retried when a signal
    /// interrupts them: the test process receives SIGCHLD whenever any test's child exits.
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
            let feeder = PipeTask { PipeIO.write(input, to: stdin.fileHandleForWriting) }
            let errors = PipeTask { PipeIO.readAll(err.fileHandleForReading) }
            let output = PipeIO.readAll(out.fileHandleForReading)
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

/// Reads and writes pipe ends, retrying calls a signal interrupted.
enum PipeIO {
    static func readAll(_ handle: FileHandle) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }

    static func write(_ data: Data, to handle: FileHandle) -> Data {
        let bytes = [UInt8](data)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.write(handle.fileDescriptor, $0.baseAddress, $0.count)
            }
            if count > 0 {
                offset += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        try? handle.close()
        return Data()
    }
}

/// Work on a thread of its own, for the ends of a pipe that must not wait on each other.
private final class PipeTask: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Data) {
        let thread = Thread { [self] in
            data = work()
            done.signal()
        }
        thread.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
