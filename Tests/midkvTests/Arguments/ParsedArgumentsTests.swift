import Testing

@testable import midkv

@Suite("ParsedArguments")
struct ParsedArgumentsTests {
    let specs: [OptionSpec] = [
        .value("config", "PATH", help: "config.xml"),
        .value("type", "TYPE", short: "t", help: "credential type"),
        .value("logs", "FILE", repeatable: true, help: "log files"),
        .flag("reveal", help: "show values"),
    ]

    @Test("splits positionals, values in both spellings, short options and flags")
    func parses() throws {
        let arguments = ["linux-root-ssh", "--config=/opt/agent/config.xml", "-t", "ssh_password", "--reveal"]
        let parsed = try ParsedArguments.parse(arguments, specs: specs)

        #expect(parsed.positionals == ["linux-root-ssh"])
        #expect(parsed.value("config") == "/opt/agent/config.xml")
        #expect(parsed.value("type") == "ssh_password")
        #expect(parsed.flag("reveal"))
        #expect(!parsed.flag("other"))
    }

    @Test("repeatable options keep every value; `--` ends options")
    func repeatsAndTerminator() throws {
        let arguments = ["--logs", "a.log", "--logs", "b.log", "--", "--not-an-option"]
        let parsed = try ParsedArguments.parse(arguments, specs: specs)

        #expect(parsed.allValues("logs") == ["a.log", "b.log"])
        #expect(parsed.positionals == ["--not-an-option"])
    }

    @Test(
        "bad command lines name the problem",
        arguments: [
            (["--confg", "x"], "unknown option --confg (did you mean --config?)"),
            (["--verbose"], "unknown option --verbose"),
            (["--config"], "option --config needs a value (PATH)"),
            (["--reveal=yes"], "option --reveal takes no value"),
            (["--type", "a", "--type", "b"], "option --type may be given only once"),
            (["-x"], "unknown option -x"),
        ]
    )
    func rejects(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) {
            try ParsedArguments.parse(arguments, specs: specs)
        }
    }
}
