import Foundation
import Glibc
import MidkvCore

/// What the `secret` commands share: the `--type` option, reading values from files or
/// standard input, and writing values to files only their owner can read.
///
/// File and terminal I/O runs on threads of its own: standard input may wait for as long as the
/// user takes to type.
enum SecretCommand {
    /// `--type TYPE`.
    static let typeOption = OptionSpec.value(
        "type",
        "TYPE",
        short: "t",
        help: "credential type the MID asks for, such as ssh_password, ssh_private_key, windows"
    )

    /// The bytes of the file at `path`, or of standard input for `-`; at most
    /// ``ConfigurationFileReader/maximumBytes`` either way.
    ///
    /// - Throws: ``UsageError`` when the file cannot be read or the input is too large.
    static func read(_ path: String, context: CommandContext) async throws -> Data {
        let full = path == "-" ? path : absolute(path, in: context.currentDirectory)
        return try await onThread {
            guard full != "-" else {
                return try readStandardInput()
            }

            do {
                return try ConfigurationFileReader.system.read(full)
            } catch {
                throw UsageError("cannot read '\(path)': \(error)")
            }
        }
    }

    /// Everything standard input (or `descriptor` in its place) delivers up to its end, reads
    /// interrupted by a signal retried.
    ///
    /// - Throws: ``UsageError`` when reading fails, or once more than
    ///   ``ConfigurationFileReader/maximumBytes`` arrive, so an endless stream (`< /dev/zero`, a
    ///   mistaken pipe) cannot exhaust memory.
    static func readStandardInput(_ descriptor: Int32 = STDIN_FILENO) throws -> Data {
        switch ConfigurationFileReader.readToEnd(descriptor) {
        case .success(let data):
            return data
        case .failure(.tooLarge):
            let limit = ConfigurationFileReader.maximumBytes >> 20
            throw UsageError(
                "standard input holds more than the \(limit) MiB midkv reads; pipe in the secret value alone"
            )
        case .failure(let failure):
            throw UsageError("cannot read standard input: \(failure)")
        }
    }

    /// Writes `data` to a new file at `path` with mode 0600: through a temporary file in the same
    /// folder, so the file never exists with other permissions or half written.
    ///
    /// - Parameters:
    ///   - replacing: whether an existing file may be replaced (`--force`).
    ///   - inputs: the paths the data was read from (`-` for standard input), never replaced.
    /// - Throws: ``UsageError`` when `path` exists (without `replacing`) or is one of the inputs,
    ///   or when the file cannot be written.
    static func writePrivate(
        _ data: Data,
        to path: String,
        replacing: Bool,
        inputs: [String],
        context: CommandContext
    ) async throws {
        let full = absolute(path, in: context.currentDirectory)
        let sources = inputs.filter { $0 != "-" }.map { absolute($0, in: context.currentDirectory) }
        try await onThread {
            try PrivateFile(path: full, shown: path).write(data, replacing: replacing, inputs: sources)
        }
    }

    /// `path` made absolute against `directory`.
    static func absolute(_ path: String, in directory: String) -> String {
        guard !path.hasPrefix("/") else {
            return path
        }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Runs `work` on a thread of its own and waits for it without holding a cooperative thread.
    static func onThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.start()
        }
    }

    /// Whether any finding is an error.
    static func hasErrors(_ findings: [Finding]) -> Bool {
        findings.contains { $0.severity == .error }
    }
}
