import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport

/// `midkv secret put`: check a value, then store it as the credential's new secret version.
struct SecretPutCommand: Command {
    static let path = ["secret", "put"]
    static let summary = "Check a secret value, then store it in Key Vault"
    static let usage = "secret put <credential-id> --type TYPE (FILE|-) [--force] [options]"
    static let discussion = """
        Reads the value from FILE or standard input, checks it as `midkv secret lint --type TYPE` \
        does, and stores it with content type application/json through the same settings and \
        identity as `midkv resolve`. A value with errors is not stored unless --force is given; \
        a value that is not UTF-8 never is. Prints the new version.
        """
    static let options =
        [
            SecretCommand.typeOption,
            .flag("force", help: "store the value even when the check finds errors"),
        ] + SettingsOptions.specs + OutputOptions.logging

    /// The content type every stored credential gets.
    static let contentType = "application/json"

    let arguments: ParsedArguments
    let credentialID: String
    let type: String
    let input: String

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.count == 2 else {
            throw UsageError(
                arguments.positionals.isEmpty
                    ? "missing the credential ID and the FILE (or - for standard input)"
                    : arguments.positionals.count == 1
                        ? "missing the FILE with the value (or - for standard input)"
                        : "expected a credential ID and one FILE, got \(arguments.positionals.count) arguments"
            )
        }
        let type = try arguments.requiredCredentialType()

        self.arguments = arguments
        self.credentialID = arguments.positionals[0]
        self.input = arguments.positionals[1]
        self.type = type
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let data = try await SecretCommand.read(input, context: context)
        let findings = SecretLinter(credentialType: type).lint(contentsOf: data)
        if !findings.isEmpty {
            context.console.out(FindingsRenderer(console: context.console).human(findings))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            context.console.err("midkv secret put: not stored: the value is not UTF-8, which Key Vault cannot hold")
            return .failure
        }
        guard !SecretCommand.hasErrors(findings) || arguments.flag("force") else {
            context.console.err("midkv secret put: not stored: the value has errors (--force stores it anyway)")
            return .failure
        }

        let bundle = try await store(Secret(text), context: context)
        let vault = URL(string: bundle.id)?.host ?? ""
        context.console.out("Stored secret \(bundle.name) in \(vault): version \(bundle.version)")
        return .success
    }

    private func store(_ value: Secret, context: CommandContext) async throws -> SecretBundle {
        let settings = try context.settings(from: arguments)
        let access = try VaultAccess(settings: settings, logger: try context.logger(from: arguments))
        defer { access.shutdown() }

        let id = try CredentialID(parsing: credentialID, configuredVault: settings.vaultName?.value, for: .newSecret)
        return try await access.client.setSecret(
            vault: access.vaultURL(for: id.vaultName),
            name: id.secretName,
            value: value,
            contentType: Self.contentType,
            deadline: access.client.configuration.deadline(in: settings.timeout.value)
        )
    }
}
