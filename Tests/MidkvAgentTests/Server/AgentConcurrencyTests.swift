import Foundation
import Glibc
import MidkvAgent
import MidkvEmulator
import MidkvTestSupport
import Testing

/// Many clients at once: single flight, slow clients, connection threads and the 2-thread pool.
@Suite("Agent under concurrent load")
struct AgentConcurrencyTests {
    @Test("1,000 concurrent requests over 50 credentials cause at most 50 Key Vault reads")
    func singleFlight() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        bench.harness.emulator.faults.delay(.milliseconds(150), hosts: [.vault])

        let results = try await ConcurrentLoad.run(count: 1000, threads: 64) { index in
            let credential = index % AgentTestWorld.credentialCount
            let reply = try client.resolve(AgentTestWorld.credentialName(credential), type: "ssh_password")
            return reply.status == 200 && reply.credential?["user"] == AgentTestWorld.user(credential)
        }
        let metrics = try await onDedicatedThread { try client.request("GET", "/metrics") }
        await bench.stop()

        let answeredCorrectly = results.filter { (try? $0.get()) == true }.count
        let lines = metrics.text.split(separator: "\n")
        #expect(answeredCorrectly == 1000)
        #expect(bench.totalReads <= 50)
        #expect(bench.totalReads == 50, "every credential is read once")
        #expect(lines.contains("midkv_agent_keyvault_reads_total 50"))
        #expect(lines.contains { $0.hasPrefix("midkv_agent_cache_shared_reads_total ") && !$0.hasSuffix(" 0") })
    }

    @Test("concurrent requests for one credential with caching off still share one read")
    func sharedReadWithoutCache() async throws {
        let bench = try AgentTestBench(cache: .init(ttl: .zero, staleTTL: .zero))
        let client = bench.client
        bench.harness.emulator.faults.delay(.seconds(1), hosts: [.vault])

        let results = try await ConcurrentLoad.run(count: 16, threads: 16) { _ in
            try client.resolve("cred-05", type: "ssh_password").status
        }
        await bench.stop()

        #expect(results.allSatisfy { (try? $0.get()) == 200 })
        #expect(bench.reads("cred-05") < 16)
        #expect(bench.agent.cachedCredentials == 0)
    }

    @Test("a client that sends half a request and stalls does not hold up others")
    func slowClient() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let stalled = try await onDedicatedThread {
            let descriptors = try (0..<8).map { _ in try client.connect() }
            for descriptor in descriptors {
                try AgentWireClient.send(
                    Data("POST /v1/resolve HTTP/1.1\r\nContent-Length: 60\r\n\r\n{\"id\"".utf8),
                    on: descriptor
                )
            }
            return descriptors
        }
        let replies = try await onDedicatedThread {
            try (0..<5).map { try client.resolve(AgentTestWorld.credentialName($0), type: "ssh_password").status }
        }
        for descriptor in stalled {
            close(descriptor)
        }
        await bench.stop()

        #expect(replies == [200, 200, 200, 200, 200])
    }

    @Test("200 clients at once, each on its own connection, are all answered")
    func manyConnections() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        bench.harness.emulator.faults.delay(.milliseconds(300), hosts: [.vault])

        let results = try await ConcurrentLoad.run(count: 200, threads: 200) { index in
            try client.resolve(AgentTestWorld.credentialName(index % 10), type: "ssh_password").status
        }
        await bench.stop()

        #expect(results.filter { (try? $0.get()) == 200 }.count == 200)
        #expect(bench.totalReads == 10)
    }

    @Test("requests over the limit in progress get 503 agent.busy with Retry-After")
    func busy() async throws {
        let limits = AgentConfiguration.Limits(maxPendingResolutions: 2)
        let bench = try AgentTestBench(limits: limits)
        let client = bench.client
        bench.harness.emulator.faults.delay(.seconds(4), hosts: [.vault])

        let results = try await ConcurrentLoad.run(count: 12, threads: 12) { index in
            try client.resolve(AgentTestWorld.credentialName(index), type: "ssh_password")
        }
        await bench.stop()

        let replies = results.compactMap { try? $0.get() }
        let busy = replies.filter { $0.status == 503 }
        #expect(replies.count == 12)
        #expect(!busy.isEmpty)
        #expect(busy.allSatisfy { $0.errorCode == "agent.busy" && $0.headers["retry-after"] == "1" })
        #expect(replies.filter { $0.status == 200 }.count >= 2)
    }
}
