import Foundation
import MidkvTestSupport
import Testing

@testable import midkv

@Suite("midkv config show")
struct ConfigShowCommandTests {
    private static let tenant = "11111111-2222-3333-4444-555555555555"

    @Test("accepts every option of the agent, so the agent's command line can be checked as it is")
    func agentOptions() {
        let accepted = Dictionary(ConfigShowCommand.options.map { ($0.name, $0.takesValue) }) { first, _ in first }

        for option in AgentCommand.options {
            #expect(accepted[option.name] == option.takesValue, "--\(option.name)")
        }
    }

    @Test("takes the agent's logging options and logs where each setting came from")
    func loggingOptions() async throws {
        let result = try await MidkvProcess.run(
            ["config", "show", "--log-level", "debug", "--log-format", "json", "--vault-name", "kv-contoso-disc"],
            environment: ["AZURE_TENANT_ID": Self.tenant]
        )

        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("kv-contoso-disc  (flag --vault-name)"), "\(result.stdout)")
        let entries = result.stderr.split(separator: "\n").map { String($0) }
        #expect(
            entries.contains { $0.hasPrefix("{") && $0.contains("environment AZURE_TENANT_ID") },
            "\(result.stderr)"
        )
        #expect(entries.contains { $0.contains("flag --vault-name") }, "\(result.stderr)")
    }

    @Test("takes the packaged agent's command line whole, and checks the agent's own options as the agent does")
    func agentCommandLine() async throws {
        let packaged = [
            "--socket", "/run/midkv/agent.sock", "--cache-ttl", "300", "--stale-ttl", "900", "--log-level", "info",
        ]
        let result = try await MidkvProcess.run(["config", "show"] + packaged, environment: ["NO_COLOR": "1"])
        let badTTL = try await MidkvProcess.run(["config", "show", "--cache-ttl", "5m"])

        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("\nAuthentication: "), "\(result.stdout)")
        #expect(badTTL.status == 64)
        #expect(badTTL.stderr.contains("--cache-ttl takes a whole number of seconds"), "\(badTTL.stderr)")
    }

    @Test("refuses an unknown log level as the agent does, with exit status 64")
    func badLogLevel() async throws {
        let result = try await MidkvProcess.run(["config", "show", "--log-level", "chatty"])

        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown log level 'chatty'"), "\(result.stderr)")
    }

    @Test("an encrypted secret_key that stops sign-in is said once, without an error label, and exits 1")
    func encryptedSecretOnce() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(
            "config.xml",
            """
            <parameters>
              <parameter name="ext.cred.azure.tenant_id" value="\(Self.tenant)"/>
              <parameter name="ext.cred.azure.client_id" value="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"/>
              <parameter name="ext.cred.azure.secret_key" secure="true" value="ENCv2[q3VtLmk0Rz9wYTJ1WjhrTjFzQ2VYN2hE]"/>
            </parameters>
            """
        )

        let result = try await MidkvProcess.run(["config", "show", "--config", path], environment: ["NO_COLOR": "1"])

        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.contains("Authentication: not possible with these settings"))
        #expect(result.stdout.components(separatedBy: "AZURE_CLIENT_SECRET").count == 2, "\(result.stdout)")
        #expect(!result.stdout.contains("error["), "\(result.stdout)")
        #expect(!result.stdout.contains("Notes:"), "\(result.stdout)")
    }
}
