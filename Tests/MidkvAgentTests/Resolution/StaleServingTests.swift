import Foundation
import MidkvAgent
import MidkvEmulator
import MidkvTestSupport
import Testing

/// Key Vault outages end to end: the agent keeps serving what it read, for a bounded time.
@Suite("Agent during a Key Vault outage")
struct StaleServingTests {
    @Test("with the vault answering 503, cached credentials are served stale, then fail, then recover")
    func serverErrors() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        let first = try await onDedicatedThread { try client.resolve("cred-01", type: "ssh_password") }

        bench.harness.emulator.faults.failWithStatus(503, next: 100_000, hosts: [.vault])
        bench.clock.advance(by: .seconds(301))
        let stale = try await onDedicatedThread { try client.resolve("cred-01", type: "ssh_password") }
        let neverRead = try await onDedicatedThread { try client.resolve("cred-02", type: "ssh_password") }
        bench.clock.advance(by: .seconds(900))
        let expired = try await onDedicatedThread { try client.resolve("cred-01", type: "ssh_password") }

        bench.harness.emulator.faults.clear()
        let recovered = try await onDedicatedThread { try client.resolve("cred-01", type: "ssh_password") }
        let metrics = try await onDedicatedThread { try client.request("GET", "/metrics") }
        await bench.stop()

        #expect(first.status == 200)
        #expect(stale.status == 200)
        #expect(stale.credential?["user"] == "svc-1")
        #expect(neverRead.status == 503)
        #expect(neverRead.errorCode == "vault.unavailable")
        #expect(expired.status == 503)
        #expect(expired.errorCode == "vault.unavailable")
        #expect(recovered.status == 200)
        #expect(bench.reads("cred-01") == 2)
        #expect(metrics.text.split(separator: "\n").contains("midkv_agent_cache_stale_serves_total 1"))
        #expect(metrics.text.contains(#"midkv_agent_requests_total{endpoint="resolve",outcome="stale"} 1"#))
        #expect(bench.logsContain("serving a stale credential; Key Vault cannot be reached"))
        #expect(bench.logsContain("cache.age.seconds=301"))
        #expect(bench.logsContain("credential.id=cred-01"))
        #expect(!bench.logsContain("CANARY"))
    }

    @Test("with the emulator stopped, cached credentials are served stale, then fail with a network code")
    func emulatorStopped() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        _ = try await onDedicatedThread { try client.resolve("cred-04", type: "ssh_password") }

        bench.harness.server.stop()
        bench.clock.advance(by: .seconds(600))
        let stale = try await onDedicatedThread { try client.resolve("cred-04", type: "ssh_password") }
        bench.clock.advance(by: .seconds(601))
        let expired = try await onDedicatedThread { try client.resolve("cred-04", type: "ssh_password") }
        await bench.stop()

        #expect(stale.status == 200)
        #expect(stale.credential?["user"] == "svc-4")
        #expect(expired.status == 502)
        #expect(expired.errorCode?.hasPrefix("network.") == true, "\(expired.errorCode ?? "none")")
        #expect(bench.logsContain("error.code=network."))
    }

    @Test("a deleted secret is reported at once, not masked by its cached value")
    func deletedSecret() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        _ = try await onDedicatedThread { try client.resolve("cred-05", type: "ssh_password") }

        let deleted = try await EmulatorAdmin(emulator: bench.harness.emulator).delete("cred-05")
        bench.clock.advance(by: .seconds(301))
        let gone = try await onDedicatedThread { try client.resolve("cred-05", type: "ssh_password") }
        bench.harness.emulator.faults.failWithStatus(503, next: 100_000, hosts: [.vault])
        let outage = try await onDedicatedThread { try client.resolve("cred-05", type: "ssh_password") }
        await bench.stop()

        #expect(deleted == 200)
        #expect(gone.status == 404)
        #expect(gone.errorCode == "vault.secret-not-found")
        #expect(outage.errorCode == "vault.unavailable", "the deleted secret's value came back")
    }
}
