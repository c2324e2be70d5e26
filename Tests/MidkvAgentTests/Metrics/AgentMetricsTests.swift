import Foundation
import MidkvAgent
import MidkvTestSupport
import Testing

/// `GET /metrics`: the Prometheus text a scraper reads.
@Suite("Agent metrics")
struct AgentMetricsTests {
    @Test("counts requests, hits, misses, Key Vault reads, token refreshes and errors by code")
    func countsTraffic() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread {
            _ = try client.resolve("cred-01", type: "ssh_password")
            _ = try client.resolve("cred-01", type: "ssh_password")
            _ = try client.resolve("cred-02", type: "ssh_password")
            _ = try client.resolve("no-such-secret", type: "ssh_password")
            _ = try client.post("/v1/resolve", body: Data("{".utf8))
            return try client.request("GET", "/metrics")
        }
        await bench.stop()

        let lines = Set(reply.text.split(separator: "\n").map(String.init))
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(lines.contains(#"midkv_agent_requests_total{endpoint="resolve",outcome="ok"} 3"#))
        #expect(lines.contains(#"midkv_agent_requests_total{endpoint="resolve",outcome="error"} 2"#))
        #expect(lines.contains("midkv_agent_cache_hits_total 1"))
        #expect(lines.contains("midkv_agent_cache_misses_total 3"))
        #expect(lines.contains("midkv_agent_keyvault_reads_total 3"))
        #expect(lines.contains("midkv_agent_token_refreshes_total 1"))
        #expect(lines.contains("midkv_agent_cache_entries 2"))
        #expect(lines.contains(#"midkv_agent_errors_total{code="vault.secret-not-found"} 1"#))
        #expect(lines.contains(#"midkv_agent_errors_total{code="agent.bad-request"} 1"#))
        #expect(lines.contains(#"midkv_agent_resolve_duration_seconds_bucket{le="+Inf"} 5"#))
        #expect(lines.contains("midkv_agent_resolve_duration_seconds_count 5"))
        #expect(lines.contains("# TYPE midkv_agent_resolve_duration_seconds histogram"))
        #expect(lines.contains(#"midkv_agent_reloads_total{result="ok"} 1"#))
    }

    @Test("every sample line is a name, optional labels and a number")
    func wellFormed() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread { try client.request("GET", "/metrics") }
        await bench.stop()

        let samples = reply.text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let malformed = samples.filter { line in
            guard let space = line.lastIndex(of: " "), Double(line[line.index(after: space)...]) != nil else {
                return true
            }
            return !line.hasPrefix("midkv_agent_")
        }
        #expect(samples.count > 20)
        #expect(malformed.isEmpty, "\(malformed)")
        #expect(reply.text.hasSuffix("\n"))
    }
}
