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

    /// Runs `midkv` with `arguments`, the given extra environment, in `directory`, with an
    /// empty standard input.
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        directory: String? = nil
    ) async throws -> Result {
        try await run(arguments, input: Data(), environment: environment, directory: directory)
    }
}
