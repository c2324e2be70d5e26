import Foundation
import MidkvTestSupport
import Testing

/// The `midkv` binary as a user runs it: exit statuses, where text goes, and that no secret
/// value is ever printed.
@Suite("midkv command line")
struct CommandLineTests {
    @Test("the demo resolves every credential in every sign-in mode and prints no secret value, even at debug level")
    func demo() async throws {
        let result = try await MidkvProcess.run(["demo", "--log-level", "debug"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("32 of 32 credentials resolved (8 types, 4 authentication modes)"))
        #expect(result.stdout.contains("pswd=<redacted>"))
        #expect(!result.output.contains("CANARY"))
        #expect(!result.output.contains("PRIVATE KEY"))
        #expect(!result.output.contains("eyJ"), "a token reached the output")
        #expect(result.stderr.contains("debug"), "debug logging was not on")
    }

    @Test(
        "usage errors exit 64 with the problem on standard error",
        arguments: [
            (["resolve"], "midkv resolve: missing the credential ID"),
            (
                ["resolve", "linux-root-pw"],
                "midkv resolve: missing --type (the credential type, such as ssh_password)"
            ),
            (["resolve", "x", "--type", "ssh", "--confg", "a"], "unknown option --confg (did you mean --config?)"),
            (["resolv"], "midkv: unknown command 'resolv' (did you mean 'resolve'?)"),
            (["config", "show", "--format", "yaml"], "unknown format 'yaml' (use human or json)"),
            (["secret"], "midkv: 'secret' needs a subcommand:\n  midkv secret lint\n  midkv secret make\n"),
            (["config", "--config", "a.xml"], "midkv: 'config' needs a subcommand:\n  midkv config show\n"),
            (["secret", "lnt"], "midkv: unknown command 'secret lnt' (did you mean 'secret lint'?)"),
            (["config", "show", "--config", ""], "--config needs the path of the MID's agent/config.xml"),
        ]
    )
    func usage(arguments: [String], message: String) async throws {
        let result = try await MidkvProcess.run(arguments)

        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test(
        "an unknown log level or format from the environment exits 64 naming the variable",
        arguments: [
            (
                ["resolve", "x", "--type", "ssh"], "MIDKV_LOG_LEVEL", "loud",
                "unknown log level 'loud' in $MIDKV_LOG_LEVEL"
            ),
            (
                ["agent", "--socket", "/dev/null/agent.sock"], "MIDKV_LOG_LEVEL", "loud",
                "unknown log level 'loud' in $MIDKV_LOG_LEVEL"
            ),
            (["doctor"], "MIDKV_LOG_FORMAT", "xml", "unknown log format 'xml' in $MIDKV_LOG_FORMAT"),
        ]
    )
    func loggingEnvironment(arguments: [String], variable: String, value: String, message: String) async throws {
        let result = try await MidkvProcess.run(arguments, environment: [variable: value])

        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("control characters in config.xml values are written out by config show and in errors")
    func controlCharactersInValues() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(
            "config.xml",
            """
            <parameters>
              <parameter name="ext.cred.azure.vault_name" value="kv-a&#13;kv-ok&#10;fake: row&#x9b;2J"/>
            </parameters>
            """
        )

        let shown = try await MidkvProcess.run(["config", "show", "--config", path])
        let failed = try await MidkvProcess.run(["resolve", "x", "--type", "ssh", "--config", path])

        #expect(
            shown.stdout.contains("ext.cred.azure.vault_name           kv-a<U+000D>kv-ok<U+000A>fake: row<U+009B>2J\n")
        )
        #expect(failed.stderr.contains("seen: value: kv-a<U+000D>kv-ok<U+000A>fake: row<U+009B>2J"))
        let raw = (shown.output + failed.output).unicodeScalars.contains { $0 == "\r" || $0 == "\u{9B}" }
        #expect(!raw, "a raw control character reached the terminal")
    }

    @Test("help with a command shows that command's options; with an unknown one it exits 64")
    func helpTopic() async throws {
        let known = try await MidkvProcess.run(["help", "secret", "lint"])
        let unknown = try await MidkvProcess.run(["help", "resolv"])

        #expect(known.status == 0)
        #expect(known.stdout.hasPrefix("Usage: midkv secret lint [FILE|-]"), "\(known.stdout)")
        #expect(unknown.status == 64)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.hasPrefix("midkv help: unknown command 'resolv' (did you mean 'resolve'?)"))
    }

    @Test("a malformed config.xml exits 1 naming config.unreadable with line and column")
    func malformedConfig() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(
            "config.xml",
            "<parameters>\n  <parameter name=\"url\" value=\"a & b\"/>\n</parameters>\n"
        )

        let result = try await MidkvProcess.run([
            "resolve", "linux-root-pw", "--type", "ssh_password", "--config", path,
        ])

        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error[config.unreadable]:"))
        #expect(result.stderr.contains("line: 2"), "\(result.stderr)")
    }

    @Test("config show redacts the client secret, names every source, and exits 0 when usable")
    func configShow() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let xml = """
            <parameters>
              <parameter name="ext.cred.azure.tenant_id" value="11111111-2222-3333-4444-555555555555"/>
              <parameter name="ext.cred.azure.client_id" value="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"/>
              <parameter name="ext.cred.azure.vault_name" value="kv-contoso-disc"/>
            </parameters>
            """
        try folder.write("agent/config.xml", xml)

        let result = try await MidkvProcess.run(
            ["config", "show"],
            environment: ["AZURE_CLIENT_SECRET": "CANARY-e"],
            directory: folder.url.path
        )

        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("agent/config.xml"))
        #expect(result.stdout.contains("(environment AZURE_CLIENT_SECRET;"))
        #expect(result.stdout.contains("Authentication: client secret"), "\(result.stdout)")
        #expect(!result.output.contains("CANARY"))
    }

    @Test("help lists every command; --version prints the version")
    func help() async throws {
        let help = try await MidkvProcess.run(["help"])
        let version = try await MidkvProcess.run(["--version"])

        #expect(help.status == 0)
        for command in ["resolve", "config show", "demo", "emulator"] {
            #expect(help.stdout.contains("  \(command)"))
        }
        #expect(version.stdout == "midkv 0.1.0\n")
    }

    @Test("--help on a command group lists its commands")
    func groupHelp() async throws {
        let result = try await MidkvProcess.run(["secret", "--help"])

        #expect(result.status == 0)
        #expect(
            result.stdout
                == "midkv secret has these commands:\n  midkv secret lint\n  midkv secret make\n"
                + "  midkv secret put\n  midkv secret get\n"
        )
    }
}
