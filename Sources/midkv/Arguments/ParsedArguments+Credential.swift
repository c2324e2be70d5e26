extension ParsedArguments {
    /// The one positional argument of a command that names a single credential.
    ///
    /// - Throws: ``UsageError`` when there is none, or more than one.
    func singleCredentialID() throws -> String {
        guard !positionals.isEmpty else {
            throw UsageError("missing the credential ID")
        }
        guard positionals.count == 1 else {
            throw UsageError("expected one credential ID, got \(positionals.count)")
        }
        return positionals[0]
    }

    /// The value of `--type`, which the command needs.
    ///
    /// - Throws: ``UsageError`` when `--type` is missing or empty.
    func requiredCredentialType() throws -> String {
        guard let type = value("type"), !type.isEmpty else {
            throw UsageError("missing --type (the credential type, such as ssh_password)")
        }
        return type
    }
}

extension OptionSpec {
    /// `--type TYPE` (`-t`): the credential type the MID asks for.
    static let credentialType = OptionSpec.value(
        "type",
        "TYPE",
        short: "t",
        help: "credential type the MID asks for (required)"
    )
}
