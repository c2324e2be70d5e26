import MidkvCore

/// `midkv config show`: the effective settings, where each came from, and how midkv will
/// authenticate.
struct ConfigShowCommand: Command {
    static let path = ["config", "show"]
    static let summary = "Show the effective settings, their sources and the sign-in mode"
    static let usage = "config show [--config PATH] [--format human|json] [options]"
    static let discussion = """
        Every setting is resolved in one order: command-line flag, environment variable, \
        config.xml, default. Secrets are shown as <redacted>; values the MID has encrypted \
        cannot be read outside the MID and are shown as such. Exit status 1 when the settings \
        do not allow midkv to authenticate.

        It takes the whole command line of midkv agent, so the agent's options can be checked \
        as they are: the settings, --log-level and --log-format (debug logs where each setting \
        came from), and the agent's own options, which are checked as the agent checks them \
        and otherwise not used.
        """
    static let options = SettingsOptions.specs + OutputOptions.logging + [OutputOptions.format] + agentOptions

    /// The agent's own options, accepted so that its command line can be pasted.
    private static let agentOptions = AgentCommand.serviceOptions.map { option in
        var accepted = option
        accepted.help = "an option of midkv agent: checked, then ignored"
        return accepted
    }

    let arguments: ParsedArguments
    let format: OutputOptions.Format

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        self.arguments = arguments
        self.format = try OutputOptions.format(from: arguments)

        let agentNames = Set(Self.agentOptions.map(\.name))
        if !agentNames.isDisjoint(with: arguments.values.keys) {
            _ = try AgentCommand(arguments: arguments)
        }
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let logger = try context.logger(from: arguments)
        let report = SettingsReport(settings: try context.settings(from: arguments, logger: logger))
        switch format {
        case .human:
            context.console.out(SettingsReportRenderer(console: context.console).render(report))
        case .json:
            context.console.out(JSONOutput.render(SettingsReportRenderer.json(report)))
        }
        return report.authenticationError == nil ? .success : .failure
    }
}
