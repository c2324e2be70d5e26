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
        let result = try await ChildProcess.run(
            executable: binary.path,
            arguments: arguments,
            environment: [
                "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1", "MIDKV_LOOPBACK_ONLY": "1",
            ].merging(environment) { _, new in new },
            directory: directory,
            stdin: input
        )
        return Result(
            status: result.status,
            stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: String(decoding: result.stderr, as: UTF8.self)
        )
    }
}
