import Foundation
import MidkvCore
import Synchronization

/// The agent's counters, safe to update from any thread.
///
/// Every label value comes from a fixed set (endpoints, outcomes, reload results) or is an
/// ``ErrorCode``, so the number of series stays bounded whatever clients send.
final class AgentMetrics: Sendable {
    /// How a request ended, for `midkv_agent_requests_total`.
    enum Outcome: String, Sendable, CaseIterable {
        /// Answered with 200 from Key Vault or a fresh cache entry.
        case ok
        /// Answered with 200 from a stale cache entry during a Key Vault outage.
        case stale
        /// Answered with an error.
        case error
    }

    /// The endpoint a request went to.
    enum Endpoint: String, Sendable, CaseIterable {
        case resolve
        case health
        case metrics
        case other
    }

    /// A copy of every counter at one moment.
    struct Snapshot: Sendable {
        var requests: [String: Int] = [:]
        var errors: [ErrorCode: Int] = [:]
        var cacheHits = 0
        var cacheMisses = 0
        var sharedReads = 0
        var staleServes = 0
        var vaultReads = 0
        var latency = LatencyHistogram()
        var reloads: [String: Int] = [:]
        var lastReload: Date?
        var started = Date()
    }

    private let state = Mutex(Snapshot())

    /// Counts one request to `endpoint` that ended with `outcome`.
    func countRequest(_ endpoint: Endpoint, _ outcome: Outcome) {
        state.withLock { $0.requests["\(endpoint.rawValue)/\(outcome.rawValue)", default: 0] += 1 }
    }

    /// Counts one failure with `code`.
    func countError(_ code: ErrorCode) {
        state.withLock { $0.errors[code, default: 0] += 1 }
    }

    /// Counts how the cache answered a resolve request; `nil` when it ended in an error.
    ///
    /// Every answer but a fresh cache entry counts as a miss; shared reads and stale serves
    /// are counted on their own as well.
    func countAnswer(_ source: CredentialCache.Source?) {
        state.withLock { state in
            switch source {
            case .cache:
                state.cacheHits += 1
            case .sharedRead:
                state.cacheMisses += 1
                state.sharedReads += 1
            case .stale:
                state.cacheMisses += 1
                state.staleServes += 1
            case .keyVault, nil:
                state.cacheMisses += 1
            }
        }
    }

    /// Counts one read of a secret from Key Vault.
    func countVaultRead() {
        state.withLock { $0.vaultReads += 1 }
    }

    /// Records the time a resolve request took.
    func observeLatency(_ duration: Duration) {
        state.withLock { $0.latency.observe(duration) }
    }

    /// Counts a reload, and notes its time when it worked.
    func countReload(succeeded: Bool, at date: Date = Date()) {
        state.withLock { state in
            state.reloads[succeeded ? "ok" : "failed", default: 0] += 1
            if succeeded {
                state.lastReload = date
            }
        }
    }

    /// A copy of every counter.
    var snapshot: Snapshot {
        state.withLock { $0 }
    }
}
