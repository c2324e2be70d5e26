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
        """
    static let options = SettingsOptions.specs + [OutputOptions.format]

    let arguments: ParsedArguments
    let format: OutputOptions.Format

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        self.arguments = arguments
        self.format = try OutputOptions.format(from: arguments)
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let report = SettingsReport(settings: try context.settings(from: arguments))
        switch format {
        case .human:
            context.console.out(SettingsReportRenderer(console: context.console).render(report))
        case .json:
            context.console.out(JSONOutput.render(SettingsReportRenderer.json(report)))
        }
        return report.authenticationError == nil ? .success : .failure
    }
}
