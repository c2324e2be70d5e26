/// The exit statuses midkv uses, as scripts rely on them.
enum ExitStatus: Int32, Sendable {
    /// Everything worked (for diagnostics: no finding is an error).
    case success = 0
    /// The job failed, or a diagnostic found an error.
    case failure = 1
    /// The command line was not understood.
    case usage = 64
}

/// One `midkv` command.
protocol Command: Sendable {
    /// The words that select the command: `["config", "show"]`.
    static var path: [String] { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The usage line without the leading `midkv`: `resolve <credential-id> --type TYPE [options]`.
    static var usage: String { get }
    /// Paragraphs shown under the usage line in `--help`.
    static var discussion: String { get }
    /// The options the command accepts.
    static var options: [OptionSpec] { get }

    /// Validates the parsed command line.
    ///
    /// - Throws: ``UsageError`` for anything the user must change.
    init(arguments: ParsedArguments) throws

    /// Runs the command and returns its exit status.
    func run(in context: CommandContext) async throws -> ExitStatus
}

extension Command {
    static var discussion: String {
        ""
    }
}
