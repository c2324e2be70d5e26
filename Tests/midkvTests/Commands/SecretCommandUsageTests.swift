import Testing

@testable import midkv

/// The `secret` commands' command lines: what each refuses and why.
@Suite("midkv secret command lines")
struct SecretCommandUsageTests {
    @Test(
        "lint: --fix needs -o, -o and --force need --fix, one FILE, --fix and --lines exclude each other",
        arguments: [
            (["--fix", "a.json"], "--fix needs -o OUT: the repaired value is only ever written to a file"),
            (["a.json", "-o", "b.json"], "-o and --force go with --fix"),
            (["a.json", "--force"], "-o and --force go with --fix"),
            (["a.json", "b.json"], "expected one FILE (or - for standard input), got 2"),
            (["--fix", "a.json", "-o", "b.json", "--lines"], "--fix repairs one value; it does not go with --lines"),
            (["a.json", "--format", "yaml"], "unknown format 'yaml' (use human or json)"),
        ]
    )
    func lint(arguments: [String], message: String) {
        #expect(UsageCheck.error(SecretLintCommand.self, arguments) == message)
    }

    @Test("lint reads standard input when no FILE is named")
    func lintDefaultsToStandardInput() throws {
        let command = try SecretLintCommand(arguments: try ParsedArguments.parse([], specs: SecretLintCommand.options))

        #expect(command.input == "-")
        #expect(command.mode == .check)
    }

    @Test("make refuses every secret given as a value, saying why and what to give instead")
    func makeRefusesSecretValues() {
        let cases = [
            ("ssh", "password"), ("ssh_private_key", "ssh-private-key"), ("ssh_private_key", "passphrase"),
            ("snmpv3", "privacy-key"), ("aws", "secret-key"), ("ea_azure", "access-key"), ("api_key", "api-key"),
        ]
        for (type, option) in cases {
            let message = UsageCheck.error(SecretMakeCommand.self, ["--type", type, "--\(option)", "CANARY-1"]) ?? ""

            #expect(message.hasPrefix("--\(option) does not take the secret on the command line"), "\(option)")
            #expect(message.contains("process list"))
            #expect(
                message.hasSuffix("--\(option)-file FILE, or --\(option)-file - to pipe or type it on standard input")
            )
        }
    }

    @Test(
        "make: fields the type does not read, standard input twice, a value and a file for one field",
        arguments: [
            (
                ["--type", "ssh", "--domain", "CONTOSO"],
                "--domain is not a field of type ssh_password (its fields: user, password)"
            ),
            (
                ["--type", "ssh_private_key", "--private-key-file", "-", "--passphrase-file", "-"],
                "standard input (-) can feed one field only; put the other values in files"
            ),
            (
                ["--type", "aws", "--access-key", "AKIA", "--access-key-file", "k"],
                "give --access-key or --access-key-file, not both"
            ),
            (["--user", "svc"], "missing --type (the credential type, such as ssh_password)"),
            (["--type", "ssh", "extra"], "unexpected argument 'extra'; fields are given as options"),
            (
                ["--type", "ssh", "--user", "svc"],
                "missing -o: -o FILE writes the value to a new file of mode 0600; -o - writes it, secrets "
                    + "included, to standard output"
            ),
            (
                ["--type", "ssh", "--force", "-o", "-"],
                "--force replaces an existing -o FILE; it does not go with -o -"
            ),
        ]
    )
    func make(arguments: [String], message: String) {
        #expect(UsageCheck.error(SecretMakeCommand.self, arguments) == message)
    }

    @Test("make accepts a name that is a secret in another type: aws's access key ID")
    func makeAccessKeyID() {
        #expect(
            UsageCheck.error(SecretMakeCommand.self, ["--type", "aws", "--access-key", "AKIAEXAMPLE", "-o", "-"]) == nil
        )
    }

    @Test("make takes names and settings as values: tenant ID, keystore path, store types, provider, protocol")
    func makeSettingsAsValues() {
        let keystore = [
            "--type", "keystore", "--user", "svc", "--password-file", "pw", "--keystore-path", "/opt/disc.jks",
            "--keystore-type", "PKCS12", "--truststore-type", "JKS", "--security-protocol", "TLSv1.3",
            "--ssl-provider-name", "SunJSSE", "-o", "-",
        ]
        let azure = ["--type", "azure", "--client-id", "app", "--tenant-id", "contoso.onmicrosoft.com", "-o", "-"]

        #expect(UsageCheck.error(SecretMakeCommand.self, keystore) == nil)
        #expect(UsageCheck.error(SecretMakeCommand.self, azure) == nil)
    }

    @Test("make's help offers settings as values and secrets as files only")
    func makeHelp() {
        let help = Dictionary(SecretMakeCommand.options.map { ($0.name, $0.help) }) { first, _ in first }
        let settings = ["tenant-id", "keystore-type", "truststore-type", "security-protocol", "ssl-provider-name"]

        for option in settings + ["keystore-path", "ssh-certificate"] {
            #expect(help[option]?.hasPrefix("field `") == true, "\(option)")
        }
        for option in settings + ["keystore-path"] {
            #expect(help["\(option)-file"] == nil, "\(option)")
        }
        #expect(help["ssh-certificate-file"] != nil)
        #expect(help["keystore-password"] == "refused: secrets come from --keystore-password-file")
        #expect(help["secret-key"] == "refused: secrets come from --secret-key-file")
    }

    @Test("make: -o - is standard output, -o FILE a file")
    func makeOutput() throws {
        let specs = SecretMakeCommand.options
        let piped = try SecretMakeCommand(arguments: try ParsedArguments.parse(["-t", "ssh", "-o", "-"], specs: specs))
        let file = try SecretMakeCommand(
            arguments: try ParsedArguments.parse(["-t", "ssh", "-o", "a.json"], specs: specs)
        )

        #expect(piped.output == .standardOutput)
        #expect(file.output == .file("a.json"))
    }

    @Test("put needs an ID, a FILE and --type; get takes --type only with --lint")
    func putAndGet() {
        #expect(
            UsageCheck.error(SecretPutCommand.self, ["id", "--type", "ssh"])
                == "missing the FILE with the value (or - for standard input)"
        )
        #expect(
            UsageCheck.error(SecretPutCommand.self, ["--type", "ssh"])
                == "missing the credential ID and the FILE (or - for standard input)"
        )
        #expect(
            UsageCheck.error(SecretPutCommand.self, ["id", "-"])
                == "missing --type (the credential type, such as ssh_password)"
        )
        #expect(UsageCheck.error(SecretGetCommand.self, ["id", "--type", "ssh"]) == "--type goes with --lint")
        #expect(UsageCheck.error(SecretGetCommand.self, []) == "missing the credential ID")
    }
}
