import Foundation
import MidkvCore
import MidkvDoctor

/// `midkv doctor`: every check a support engineer would run on a MID's Azure Key Vault setup, in
/// their order, each fault named with its code, evidence and fix.
struct DoctorCommand: Command {
    static let path = ["doctor"]
    static let summary = "Check a MID's Key Vault setup and name each fault with its fix"
    static let usage = "doctor [--config PATH] [--credential ID:TYPE]... [--logs FILE]... [--offline] [options]"
    static let discussion = """
        Checks, in order: config.xml and the settings (offline), each --credential's
        Credential ID (offline), the agent logs given with --logs, the network path to
        the Entra ID, Key Vault and metadata hosts, sign-in, each vault's challenge, and
        each --credential resolved as the MID would. A check that cannot run because an
        earlier one failed is reported as skipped with the reason; --offline runs only
        the checks that need no network. Give --credential as ID:TYPE, such as
        linux-root-ssh:ssh_private_key; --logs takes agent log files or the folder
        holding them; both may be repeated. Exit status 0 when no finding is an error, 1
        when one is, 64 for a bad command line. --format json writes one document,
        schema midkv.doctor/1 (see docs/doctor.md).
        """
    static let options =
        [
            OptionSpec.value(
                "credential",
                "ID:TYPE",
                repeatable: true,
                help: "a credential to check and resolve (repeatable)"
            ),
            .value("logs", "FILE", repeatable: true, help: "MID agent log file or folder to scan (repeatable)"),
            .flag("offline", help: "run only the checks that need no network"),
            OutputOptions.format,
        ] + SettingsOptions.specs + OutputOptions.logging

    let arguments: ParsedArguments
    let credentials: [CredentialTarget]
    let format: OutputOptions.Format

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])' (give credentials with --credential)")
        }
        self.arguments = arguments
        self.format = try OutputOptions.format(from: arguments)
        self.credentials = try arguments.allValues("credential").map { text in
            do {
                return try CredentialTarget(parsing: text)
            } catch {
                throw UsageError("--credential '\(text)' is not ID:TYPE (such as linux-root-ssh:ssh_private_key)")
            }
        }
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let request = Doctor.Request(
            configPath: try SettingsOptions.configPath(
                from: arguments,
                environment: context.environment,
                currentDirectory: context.currentDirectory
            ),
            flags: SettingsOptions.flags(from: arguments),
            environment: context.environment,
            credentials: credentials,
            logFiles: arguments.allValues("logs").map { Self.absolute($0, in: context.currentDirectory) },
            offline: arguments.flag("offline")
        )
        let doctor = Doctor(request: request, logger: try context.logger(from: arguments))
        let renderer = DoctorRenderer(console: context.console)

        switch format {
        case .json:
            let report = await doctor.run()
            context.console.out(DoctorRenderer.json(report))
            return report.hasErrors ? .failure : .success
        case .human:
            context.console.out(renderer.header(configPath: request.configPath, offline: request.offline))
            let printer = DoctorPrinter(renderer: renderer)
            let report = await doctor.run(collector: printer)
            printer.flush()
            context.console.out("\n" + renderer.summary(report))
            return report.hasErrors ? .failure : .success
        }
    }

    private static func absolute(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardized.path
    }
}
