import Foundation
import MidkvTestSupport

/// Runs the `openssl` command-line tool, a second implementation to check midkv's keys and
/// signatures against.
enum OpenSSLTool {
    /// Runs `openssl arguments` in `folder` on a dedicated thread; returns its exit status and output.
    static func run(
        _ arguments: [String],
        in folder: TemporaryDirectory
    ) async throws -> (status: Int32, output: String) {
        try await onDedicatedThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = folder.url
            process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.url.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe

            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }
}
