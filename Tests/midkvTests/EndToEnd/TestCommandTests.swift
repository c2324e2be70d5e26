import Foundation
import MidkvEmulator
import MidkvTestSupport
import Testing

@testable import midkv

/// `midkv test`: the step trace, redacted fields, and the checks that explain a failure.
@Suite("midkv test")
struct TestCommandTests {
    private func run(
        _ arguments: [String],
        environment extra: [String: String] = [:],
        xml: (EndToEndWorld) -> String = { $0.clientSecretConfig() }
    ) async throws -> MidkvProcess.Result {
        let world = try EndToEndWorld()
        let harness = try EmulatorHarness(seed: world.seed)
        defer { harness.stop() }
        let path = try harness.folder.write("agent/config.xml", xml(world))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let environment = [
            "MIDKV_CONNECT_TO": harness.server.connectAddress, "MIDKV_CA_FILE": harness.server.caFile ?? "",
        ].merging(extra) { _, new in new }
        return try await MidkvProcess.run(["test"] + arguments + ["--config", path], environment: environment)
    }

    @Test("a credential that resolves shows every step ok and the fields redacted; exit 0")
    func resolves() async throws {
        let result = try await run(["linux-root-key", "--type", "ssh_private_key"])

        #expect(result.status == 0, "\(result.output)")
        let steps = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.contains(" ms  ") }
        #expect(
            steps.map { $0.split(separator: " ").first.map(String.init) ?? "" } == [
                "identity", "credential-id", "token", "vault", "fields",
            ]
        )
        #expect(steps.allSatisfy { $0.contains(" ok ") })
        #expect(result.stdout.contains("pkey        <redacted>"))
        #expect(!result.output.contains("CANARY"))
        #expect(!result.output.contains("PRIVATE KEY"))
    }

    @Test("an RBAC refusal fails at the vault step, names the code, and the fields step does not run; exit 1")
    func refused() async throws {
        let result = try await run(["linux-root-pw:kv-no-role", "--type", "ssh_password"]) {
            $0.clientSecretConfig(vaultName: nil)
        }

        #expect(result.status == 1)
        #expect(result.stdout.contains("vault          failed"))
        #expect(result.stdout.contains("fields         not run"))
        #expect(result.stdout.contains("error[vault.forbidden-rbac]"))
        #expect(!result.output.contains("CANARY"))
    }

    @Test("a refused sign-in fails at the token step; the vault step, never given a token, did not run")
    func signInRefused() async throws {
        let arguments = ["linux-root-pw", "--type", "ssh_password"]
        let refused = ["AZURE_CLIENT_SECRET": "CANARY-9f1c2d3e-wrong-value"]

        let human = try await run(arguments, environment: refused)
        let json = try await run(arguments + ["--format", "json"], environment: refused)

        #expect(human.status == 1)
        #expect(human.stdout.contains("token          failed"))
        #expect(human.stdout.contains("vault          not run"))
        #expect(human.stdout.contains("error[identity.invalid-secret]"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let steps = try #require(document["steps"] as? [[String: Any]])
        #expect(steps.map { $0["status"] as? String } == ["ok", "ok", "failed", "not-run", "not-run"])
        #expect(steps.map { $0["code"] as? String } == [nil, nil, "identity.invalid-secret", nil, nil])
        #expect(steps[3]["milliseconds"] is NSNull)
        #expect(!human.output.contains("CANARY") && !json.output.contains("CANARY"))
    }

    @Test("a sign-in failure runs the config checks, which name the misspelled parameter")
    func explainsWithConfig() async throws {
        let result = try await run(["linux-root-pw:kv-contoso-disc", "--type", "ssh_password"]) { world in
            world.clientSecretConfig(vaultName: nil).replacingOccurrences(
                of: "ext.cred.azure.tenant_id",
                with: "ext.cred.azure.tenantid"
            )
        }

        #expect(result.status == 1)
        #expect(result.stdout.contains("identity       failed"))
        #expect(result.stdout.contains("error[config.missing-parameter]"))
        #expect(result.stdout.contains("What the doctor's checks show:"))
        #expect(result.stdout.contains("error[config.unknown-parameter]: `ext.cred.azure.tenantid` is not a parameter"))
        #expect(!result.output.contains("CANARY"))
    }

    @Test("a network failure runs the network check of that hop only")
    func explainsWithNetwork() async throws {
        let closed = try ReservedPort()
        let result = try await run([
            "linux-root-pw:kv-contoso-disc", "--type", "ssh_password", "--imds-endpoint",
            "http://127.0.0.1:\(closed.port)",
        ]) { _ in DemoConfigFiles.azureVM }

        #expect(result.status == 1)
        #expect(result.stdout.contains("error[network.imds-unreachable]"))
        let network = result.stdout.components(separatedBy: "\nnetwork\n").last ?? ""
        #expect(network.hasPrefix("  error[network.imds-unreachable]: The instance metadata service"))
        #expect(network.components(separatedBy: "[network.").count == 2)
        #expect(!network.contains("kv-contoso-disc.vault.azure.net"))
    }

    @Test("--format json: schema midkv.test/1 with steps, the error and the explaining findings")
    func json() async throws {
        let result = try await run(["linux-root-pw:kv-fabrikam", "--type", "ssh_password", "--format", "json"]) {
            $0.clientSecretConfig(vaultName: nil)
        }

        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "midkv.test/1")
        #expect(document["status"] as? Int == 1)
        let error = try #require(document["error"] as? [String: Any])
        #expect(error["code"] as? String == "vault.wrong-tenant")
        let steps = try #require(document["steps"] as? [[String: Any]])
        #expect(steps.map { $0["status"] as? String } == ["ok", "ok", "ok", "failed", "not-run"])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(
            findings.contains { $0["code"] as? String == "vault.wrong-tenant" && $0["check"] as? String == "vault" }
        )
    }

    @Test(
        "usage errors exit 64",
        arguments: [["test"], ["test", "linux-root-pw"], ["test", "a", "b", "--type", "ssh"]]
    )
    func usage(_ arguments: [String]) async throws {
        let result = try await MidkvProcess.run(arguments)

        #expect(result.status == 64)
    }
}
