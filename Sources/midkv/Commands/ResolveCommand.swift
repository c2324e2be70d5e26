import MidkvCore

/// `midkv resolve`: resolve one credential as the MID would, and print its MID fields.
struct ResolveCommand: Command {
    static let path = ["resolve"]
    static let summary = "Resolve one credential and print its MID fields"
    static let usage = "resolve <credential-id> --type TYPE [--config PATH] [--format human|json] [--reveal] [options]"
    static let discussion = """
        The Credential ID is <secret> when ext.cred.azure.vault_name is set, else \
        <secret>:<vault>. TYPE is the credential type the MID sends, such as ssh_password, \
        ssh_private_key, windows, snmpv3, vmware, aws, basic_auth or jdbc. Values are shown as \
        <redacted> unless --reveal is given. On failure, the error's code, what was seen and the \
        fix go to standard error and the exit status is 1.
        """
    static let options =
        [
            OptionSpec.credentialType,
            .flag("reveal", help: "print secret values instead of <redacted>"),
            OutputOptions.format,
        ] + SettingsOptions.specs + OutputOptions.logging

    let arguments: ParsedArguments
    let request: CredentialRequest
    let format: OutputOptions.Format

    init(arguments: ParsedArguments) throws {
        let credentialID = try arguments.singleCredentialID()
        let type = try arguments.requiredCredentialType()
        self.arguments = arguments
        self.request = CredentialRequest(credentialID: credentialID, type: type)
        self.format = try OutputOptions.format(from: arguments)
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let logger = try context.logger(from: arguments)
        let resolver = try CredentialResolver(settings: try context.settings(from: arguments), logger: logger)
        defer { resolver.shutdown() }

        do {
            let resolved = try await resolver.resolve(request)
            let renderer = CredentialRenderer(console: context.console, reveal: arguments.flag("reveal"))
            switch format {
            case .human:
                context.console.out(renderer.render(resolved))
            case .json:
                context.console.out(JSONOutput.render(renderer.json(resolved)))
            }
            return .success
        } catch let error as MidkvError where format == .json {
            context.console.err(JSONOutput.render(["schema": "midkv.error/1", "error": JSONOutput.error(error)]))
            return .failure
        }
    }
}
