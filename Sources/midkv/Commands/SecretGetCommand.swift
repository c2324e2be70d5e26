import Foundation
import MidkvCore
import MidkvDoctor

/// `midkv secret get`: show a credential secret's metadata, never its value, and with `--lint`
/// check the value.
struct SecretGetCommand: Command {
    static let path = ["secret", "get"]
    static let summary = "Show a stored secret's metadata (never its value)"
    static let usage = "secret get <credential-id> [--lint] [--type TYPE] [--format human|json] [options]"
    static let discussion = """
        Reads the current version through the same settings and identity as `midkv resolve` and \
        shows its version, whether it is enabled, its dates, content type, tags and length. \
        With --lint the value is checked as `midkv secret lint` does, for --type TYPE when given; \
        the exit status is then 1 when any finding is an error.
        """
    static let options =
        [
            .flag("lint", help: "check the stored value"),
            SecretCommand.typeOption,
            OutputOptions.format,
        ] + SettingsOptions.specs + OutputOptions.logging

    let arguments: ParsedArguments
    let credentialID: String
    let lints: Bool
    let type: String?
    let format: FindingsRenderer.Format

    init(arguments: ParsedArguments) throws {
        self.arguments = arguments
        self.credentialID = try arguments.singleCredentialID()
        self.lints = arguments.flag("lint")
        self.type = arguments.value("type")
        self.format = try FindingsRenderer.Format(option: arguments.value("format"))
        guard type == nil || lints else {
            throw UsageError("--type goes with --lint")
        }
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let settings = try context.settings(from: arguments)
        let access = try VaultAccess(settings: settings, logger: try context.logger(from: arguments))
        defer { access.shutdown() }

        let id = try CredentialID(parsing: credentialID, configuredVault: settings.vaultName?.value)
        let vault = access.vaultURL(for: id.vaultName)
        let deadline = access.client.configuration.deadline(in: settings.timeout.value)
        let bundle = try await access.client.getSecret(vault: vault, name: id.secretName, deadline: deadline)

        let lintFindings = lints ? SecretLinter(credentialType: type).lint(bundle.value) : []
        let metadata = SecretMetadata(
            bundle,
            vault: id.vaultName,
            host: vault.host ?? "",
            checkedType: lints ? type : nil
        )
        let renderer = SecretMetadataRenderer(console: context.console)
        let findings = bundle.findings + lintFindings
        switch format {
        case .human:
            context.console.out(renderer.render(metadata, findings: findings, linted: lints))
        case .json:
            context.console.out(
                try FindingsRenderer(console: context.console).json(findings, facts: metadata)
            )
        }
        return SecretCommand.hasErrors(findings) ? .failure : .success
    }
}
