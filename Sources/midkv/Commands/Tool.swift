import Foundation
import MidkvCore
import MidkvSupport

/// Picks the command from the first words of the command line, runs it, and turns what it
/// throws into messages and exit statuses.
enum Tool {
    /// Every command, in the order `midkv help` lists them.
    static let commands: [any Command.Type] = [
        ResolveCommand.self,
        TestCommand.self,
        DoctorCommand.self,
        ConfigShowCommand.self,
        LogsScanCommand.self,
        SecretLintCommand.self,
        SecretMakeCommand.self,
        SecretPutCommand.self,
        SecretGetCommand.self,
        AgentCommand.self,
        DemoCommand.self,
        EmulatorCommand.self,
    ]

    /// midkv's version.
    static let version = MidkvVersion.current

    /// Runs the command named by `arguments` (the command line without the program name).
    static func main(arguments: [String], context: CommandContext) async -> ExitStatus {
        if arguments.first == "help", arguments.count > 1 {
            return helpTopic(Array(arguments.dropFirst()), context: context)
        }
        guard let first = arguments.first, !["help", "--help", "-h"].contains(first) else {
            context.console.out(overview())
            return arguments.isEmpty ? .usage : .success
        }
        if first == "--version" || first == "version" {
            context.console.out("midkv \(version)")
            return .success
        }
        guard let (type, rest) = select(arguments) else {
            return unknownCommand(arguments, context: context)
        }
        if rest.contains("--help") || rest.contains("-h") {
            context.console.out(help(for: type))
            return .success
        }
        return await run(type, rest, context: context)
    }

    /// `midkv help <command>`: that command's help, or a usage error for a command that does not exist.
    private static func helpTopic(_ topic: [String], context: CommandContext) -> ExitStatus {
        guard let (type, rest) = select(topic), rest.isEmpty else {
            let known = commands.map { $0.path.joined(separator: " ") }
            context.console.err("midkv help: \(UsageError.unknownCommand(topic.joined(separator: " "), known: known))")
            context.console.err("Run 'midkv help' for the list of commands.")
            return .usage
        }

        context.console.out(help(for: type))
        return .success
    }

    private static func run(_ type: any Command.Type, _ rest: [String], context: CommandContext) async -> ExitStatus {
        let name = type.path.joined(separator: " ")
        do {
            let parsed = try ParsedArguments.parse(rest, specs: type.options)
            let command = try type.init(arguments: parsed)
            return try await command.run(in: context)
        } catch let error as UsageError {
            context.console.err("midkv \(name): \(error.message)")
            context.console.err("Run 'midkv \(name) --help' for its options.")
            return .usage
        } catch let error as MidkvError {
            ErrorRenderer(console: context.console).report(error)
            return .failure
        } catch {
            context.console.err("midkv \(name): \(error)")
            return .failure
        }
    }

    /// Explains a command line that names no command: a group without its subcommand (`midkv
    /// secret`), with `--help` (lists the group), or a misspelling (with the nearest name).
    private static func unknownCommand(_ arguments: [String], context: CommandContext) -> ExitStatus {
        let group = commands.filter { $0.path.count > 1 && $0.path[0] == arguments[0] }
        let subcommand = arguments.count > 1 && !arguments[1].hasPrefix("-") ? arguments[1] : nil
        if !group.isEmpty, subcommand == nil {
            let names = group.map { $0.path.joined(separator: " ") }
            let asksHelp = arguments.contains("--help") || arguments.contains("-h")
            let listing = names.map { "  midkv \($0)" }.joined(separator: "\n")
            if asksHelp {
                context.console.out("midkv \(arguments[0]) has these commands:\n\(listing)")
                return .success
            }
            context.console.err("midkv: '\(arguments[0])' needs a subcommand:\n\(listing)")
            return .usage
        }

        let known = commands.map { $0.path.joined(separator: " ") }
        let typed = group.isEmpty ? arguments[0] : "\(arguments[0]) \(subcommand ?? "")"
        context.console.err("midkv: \(UsageError.unknownCommand(typed, known: known))")
        context.console.err("Run 'midkv help' for the list of commands.")
        return .usage
    }

    private static func select(_ arguments: [String]) -> (any Command.Type, [String])? {
        let byLength = commands.sorted { $0.path.count > $1.path.count }
        for type in byLength where arguments.starts(with: type.path) {
            return (type, Array(arguments.dropFirst(type.path.count)))
        }
        return nil
    }

    /// The text of `midkv help`.
    static func overview() -> String {
        var lines = [
            "midkv \(version): resolve MID Server credentials from Azure Key Vault, and explain failures.",
            "",
            "Usage: midkv <command> [options]",
            "",
            "Commands:",
        ]
        let width = commands.map { $0.path.joined(separator: " ").count }.max() ?? 0
        for type in commands {
            let name = type.path.joined(separator: " ")
            lines.append("  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(type.summary)")
        }
        lines += ["", "Run 'midkv <command> --help' for a command's options."]
        return lines.joined(separator: "\n")
    }

    /// The text of `midkv <command> --help`.
    static func help(for type: any Command.Type) -> String {
        var lines = ["Usage: midkv \(type.usage)", "", type.summary]
        if !type.discussion.isEmpty {
            lines += ["", type.discussion]
        }
        lines += ["", "Options:"]
        let width = min(32, type.options.map(\.synopsis.count).max() ?? 0)
        for option in type.options {
            let synopsis = option.synopsis
            if synopsis.count > width {
                lines.append("  \(synopsis)")
                lines.append("  \(String(repeating: " ", count: width))  \(option.help)")
            } else {
                lines.append("  \(synopsis.padding(toLength: width, withPad: " ", startingAt: 0))  \(option.help)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
