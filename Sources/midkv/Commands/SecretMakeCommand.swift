import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport

/// `midkv secret make`: write the secret JSON for a credential type from its fields, secrets
/// read from files or standard input only, to a new private file or, when asked with `-o -`, to
/// standard output.
struct SecretMakeCommand: Command {
    static let path = ["secret", "make"]
    static let summary = "Write the secret JSON for a credential type"
    static let usage =
        "secret make --type TYPE (-o FILE | -o -) [--user U] [--password-file F] [--private-key-file F] "
        + "[--domain D] [...]"
    static let discussion = """
        Writes the value as the documentation shows it: the documented type, canonical keys in a \
        stable order, PEM line breaks kept, nothing added. Names and settings (user, domain, \
        tenant ID, protocols, store types, paths) are given as values; secrets (passwords, keys, \
        pass phrases, tokens) only with --<field>-file PATH, or PATH - for standard input (once), \
        because other users can read command lines. One line break at the end of a one-line file \
        is left out. -o FILE writes a new file of mode 0600 and names the keys written; the value \
        reaches standard output only with -o -, for a pipe into `midkv secret put ID --type TYPE -`. \
        It is checked first: with errors nothing is written and the exit status is 1.
        """
    static let options: [OptionSpec] =
        [
            SecretCommand.typeOption,
            .value(
                "output",
                "FILE",
                short: "o",
                help: "write the value to this new file (mode 0600), or to standard output for -"
            ),
            .flag("force", help: "replace an existing output file"),
        ] + SecretMakeFields.specs

    /// What `-o` names.
    enum Output: Equatable {
        /// A new file of mode 0600.
        case file(String)
        /// Standard output, asked for with `-o -`.
        case standardOutput
    }

    let type: String
    let inputs: [SecretMakeFields.Input]
    let output: Output
    let replacing: Bool

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'; fields are given as options")
        }
        let type = try arguments.requiredCredentialType()

        self.type = type
        self.inputs = try SecretMakeFields.inputs(from: arguments, type: CredentialType.requested(type))
        self.output = try Self.output(from: arguments)
        self.replacing = arguments.flag("force")
        guard output != .standardOutput || !replacing else {
            throw UsageError("--force replaces an existing -o FILE; it does not go with -o -")
        }
    }

    private static func output(from arguments: ParsedArguments) throws -> Output {
        switch arguments.value("output") {
        case nil:
            throw UsageError(
                "missing -o: -o FILE writes the value to a new file of mode 0600; -o - writes it, secrets "
                    + "included, to standard output"
            )
        case "-":
            return .standardOutput
        case let path?:
            return .file(path)
        }
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let fields = try await SecretMakeFields.read(inputs, context: context)
        let maker = SecretMaker(type: type)
        let value: Secret
        let keys: [String]
        do {
            value = try maker.make(fields)
            keys = try maker.writtenKeys(for: fields)
        } catch {
            throw UsageError(error.message + "; see 'midkv secret make --help' for the field options")
        }

        let findings = SecretLinter(credentialType: type).lint(value)
        if !findings.isEmpty {
            context.console.err(FindingsRenderer.plain.human(findings))
        }
        guard !SecretCommand.hasErrors(findings) else {
            context.console.err("midkv secret make: nothing was written")
            return .failure
        }

        guard case .file(let path) = output else {
            context.console.out(value.reveal())
            return .success
        }
        try await SecretCommand.writePrivate(
            Data(value.reveal().utf8),
            to: path,
            replacing: replacing,
            inputs: inputs.compactMap(\.file),
            context: context
        )
        context.console.out("Wrote \(path) (mode 0600) for type \(type): keys \(keys.joined(separator: ", "))")
        return .success
    }
}
