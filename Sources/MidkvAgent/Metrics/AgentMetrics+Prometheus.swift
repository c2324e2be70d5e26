import Foundation
import MidkvCore

extension AgentMetrics {
    /// Gauges read from elsewhere at the moment of the scrape.
    struct Gauges: Sendable {
        /// Credentials in the cache, stale ones included.
        var cacheEntries: Int
        /// Token requests sent to Entra ID or the managed identity endpoint so far.
        var tokenRefreshes: Int
        /// Connections open right now.
        var activeConnections: Int
        /// midkv's version.
        var version: String
    }

    /// Every metric in the Prometheus text exposition format (version 0.0.4).
    func prometheusText(_ gauges: Gauges) -> String {
        let counters = snapshot
        var text = PrometheusText()

        text.family("midkv_agent_info", .gauge, "The agent's version; always 1.")
        text.sample("midkv_agent_info", ["version": gauges.version], 1)
        text.family("midkv_agent_start_time_seconds", .gauge, "When the agent started, in Unix seconds.")
        text.sample("midkv_agent_start_time_seconds", [:], counters.started.timeIntervalSince1970)

        text.family("midkv_agent_requests_total", .counter, "Requests answered, by endpoint and outcome.")
        for endpoint in Endpoint.allCases {
            for outcome in Outcome.allCases where outcome != .stale || endpoint == .resolve {
                let count = counters.requests["\(endpoint.rawValue)/\(outcome.rawValue)"] ?? 0
                text.sample(
                    "midkv_agent_requests_total",
                    ["endpoint": endpoint.rawValue, "outcome": outcome.rawValue],
                    Double(count)
                )
            }
        }

        text.family("midkv_agent_errors_total", .counter, "Failed requests, by midkv error code.")
        for code in counters.errors.keys.sorted() {
            text.sample("midkv_agent_errors_total", ["code": code.rawValue], Double(counters.errors[code] ?? 0))
        }

        appendCache(counters, gauges: gauges, to: &text)
        appendLatency(counters.latency, to: &text)
        appendReloads(counters, to: &text)
        return text.rendered
    }

    private func appendCache(_ counters: Snapshot, gauges: Gauges, to text: inout PrometheusText) {
        let counts: [(String, String, Int)] = [
            ("midkv_agent_cache_hits_total", "Resolve requests answered from a fresh cache entry.", counters.cacheHits),
            ("midkv_agent_cache_misses_total", "Resolve requests that needed Key Vault.", counters.cacheMisses),
            (
                "midkv_agent_cache_shared_reads_total", "Misses that waited for a Key Vault read already under way.",
                counters.sharedReads
            ),
            (
                "midkv_agent_cache_stale_serves_total", "Misses answered with a stale credential during an outage.",
                counters.staleServes
            ),
            ("midkv_agent_keyvault_reads_total", "Secret reads started against Key Vault.", counters.vaultReads),
            (
                "midkv_agent_token_refreshes_total", "Access token requests sent to Entra ID or the identity endpoint.",
                gauges.tokenRefreshes
            ),
        ]
        for (name, help, count) in counts {
            text.family(name, .counter, help)
            text.sample(name, [:], Double(count))
        }

        text.family("midkv_agent_cache_entries", .gauge, "Credentials held in the cache, stale ones included.")
        text.sample("midkv_agent_cache_entries", [:], Double(gauges.cacheEntries))
        text.family("midkv_agent_connections_active", .gauge, "Client connections open now.")
        text.sample("midkv_agent_connections_active", [:], Double(gauges.activeConnections))
    }

    private func appendLatency(_ histogram: LatencyHistogram, to text: inout PrometheusText) {
        let name = "midkv_agent_resolve_duration_seconds"
        text.family(name, .histogram, "Time to answer a resolve request, in seconds.")
        for (bound, count) in zip(LatencyHistogram.bounds, histogram.cumulativeCounts) {
            text.sample("\(name)_bucket", ["le": PrometheusText.number(bound)], Double(count))
        }
        text.sample("\(name)_bucket", ["le": "+Inf"], Double(histogram.total))
        text.sample("\(name)_sum", [:], histogram.sum)
        text.sample("\(name)_count", [:], Double(histogram.total))
    }

    private func appendReloads(_ counters: Snapshot, to text: inout PrometheusText) {
        text.family("midkv_agent_reloads_total", .counter, "Configuration reloads, by result.")
        for result in ["ok", "failed"] {
            text.sample("midkv_agent_reloads_total", ["result": result], Double(counters.reloads[result] ?? 0))
        }

        text.family(
            "midkv_agent_last_reload_timestamp_seconds",
            .gauge,
            "When the configuration was last loaded, in Unix seconds."
        )
        let loaded = counters.lastReload ?? counters.started
        text.sample("midkv_agent_last_reload_timestamp_seconds", [:], loaded.timeIntervalSince1970)
    }
}
