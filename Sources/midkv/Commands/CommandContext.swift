import Foundation

/// What a command may touch of the outside world: environment, working folder and terminal.
struct CommandContext: Sendable {
    /// The process environment.
    var environment: [String: String]
    /// The folder relative paths start from.
    var currentDirectory: String
    /// Where results and errors go.
    var console: Console

    /// The context of this process.
    static func current() -> CommandContext {
        let environment = ProcessInfo.processInfo.environment
        return CommandContext(
            environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            console: Console(environment: environment)
        )
    }
}
