import Foundation
import MidkvAgent
import MidkvCore
import MidkvTestSupport
import Testing

/// Reloading settings without a restart: by call (as SIGHUP does) and by watching config.xml.
@Suite("Agent reload")
struct AgentReloadTests {
    @Test("a new vault_name takes effect on reload, naming the changed setting and emptying the cache")
    func vaultNameChange() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        let before = try await onDedicatedThread { try client.resolve("cred-00", type: "ssh_password") }

        try bench.rewriteConfig(AgentTestWorld.configXML(vaultName: AgentTestWorld.alternateVaultName))
        let outcome = bench.agent.reload()
        let after = try await onDedicatedThread { try client.resolve("cred-00", type: "ssh_password") }
        await bench.stop()

        guard case .applied(let changed) = outcome else {
            Issue.record("the reload did not apply: \(outcome)")
            return
        }
        #expect(changed == ["ext.cred.azure.vault_name"])
        #expect(before.credential?["user"] == "svc-0")
        #expect(after.credential?["user"] == "alt-user")
        #expect(bench.logsContain("reload.changed=ext.cred.azure.vault_name"))
    }

    @Test("a changed client secret is used after reload, and logged by name only")
    func clientSecretChange() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        _ = try await onDedicatedThread { try client.resolve("cred-01", type: "ssh_password") }

        try bench.rewriteConfig(AgentTestWorld.configXML(clientSecret: "CANARY-revoked-secret-91bd"))
        let outcome = bench.agent.reload()
        let after = try await onDedicatedThread { try client.resolve("cred-01", type: "ssh_password") }
        await bench.stop()

        guard case .applied(let changed) = outcome else {
            Issue.record("the reload did not apply")
            return
        }
        #expect(changed == ["ext.cred.azure.secret_key"])
        #expect(after.status == 502)
        #expect(after.errorCode == "identity.invalid-secret")
        #expect(!bench.logsContain("CANARY"), "a secret value reached the log")
        let errorShowsSecret = after.text.contains("CANARY")
        #expect(!errorShowsSecret, "a secret value reached the error")
    }

    @Test("a reload that changes no midkv setting keeps the resolver and the cache")
    func unchanged() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        _ = try await onDedicatedThread { try client.resolve("cred-02", type: "ssh_password") }

        try bench.rewriteConfig(AgentTestWorld.configXML().replacingOccurrences(of: "mid-test-01", with: "mid-test-02"))
        let outcome = bench.agent.reload()
        _ = try await onDedicatedThread { try client.resolve("cred-02", type: "ssh_password") }
        await bench.stop()

        guard case .unchanged = outcome else {
            Issue.record("expected no change, got \(outcome)")
            return
        }
        #expect(bench.reads("cred-02") == 1)
        #expect(bench.agent.cachedCredentials == 1)
    }

    @Test("a broken config.xml fails the reload with its code and keeps the settings in force")
    func brokenConfig() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        try bench.rewriteConfig("<parameters>\n  <parameter name=\"url\" value=\"a & b\"/>\n")
        let outcome = bench.agent.reload()
        let after = try await onDedicatedThread { try client.resolve("cred-03", type: "ssh_password") }
        let metrics = try await onDedicatedThread { try client.request("GET", "/metrics") }
        await bench.stop()

        guard case .failed(let error) = outcome else {
            Issue.record("expected a failed reload, got \(outcome)")
            return
        }
        #expect(error.code == .configUnreadable)
        #expect(after.status == 200)
        #expect(metrics.text.contains(#"midkv_agent_reloads_total{result="failed"} 1"#))
        #expect(bench.logsContain("configuration reload failed; previous settings stay in force"))
        #expect(bench.logsContain("error.code=config.unreadable"))
    }

    @Test("editing config.xml is noticed by the watcher and takes effect without a call")
    func watcher() async throws {
        let bench = try AgentTestBench(configPollInterval: .milliseconds(100))
        let client = bench.client
        _ = try await onDedicatedThread { try client.resolve("cred-00", type: "ssh_password") }

        try bench.rewriteConfig(AgentTestWorld.configXML(vaultName: AgentTestWorld.alternateVaultName))
        var user: String?
        for _ in 0..<600 where user != "alt-user" {
            try await Task.sleep(for: .milliseconds(50))
            user = try await onDedicatedThread { try client.resolve("cred-00", type: "ssh_password") }.credential?[
                "user"
            ]
        }
        await bench.stop()

        #expect(user == "alt-user")
        #expect(bench.logsContain("reload.trigger=config-file-changed"))
    }
}
