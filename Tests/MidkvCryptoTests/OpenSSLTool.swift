import Foundation
import MidkvTestSupport

/// Runs the `openssl` command-line tool, a second implementation to check midkv's keys and
/// signatures against.
enum OpenSSLTool {
    /// Runs `openssl arguments` in `folder`; returns its exit status and output (both streams).
    static func run(
        _ arguments: [String],
        in folder: TemporaryDirectory
    ) async throws -> (status: Int32, output: String) {
        let result = try await ChildProcess.run(
            executable: "/usr/bin/openssl",
            arguments: arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": folder.url.path],
            directory: folder.url.path
        )
        return (result.status, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }
}
