import MidkvCore
import Synchronization

/// Keeps resolved credentials, shares one Key Vault read among concurrent requests for the same
/// credential, and stands in for Key Vault during an outage.
///
/// Entries are filed by vault, secret and credential type: the MID fields a secret yields
/// depend on the type asked for. A credential is served from the cache for
/// ``AgentConfiguration/CachePolicy/ttl`` after it was read. While a read is under way, every
/// other request for the same credential waits for that read instead of starting its own.
///
/// When a read fails because Key Vault cannot be reached (``isOutage(_:)``), the last good
/// credential is served for up to ``AgentConfiguration/CachePolicy/staleTTL`` past its TTL.
/// Any other failure (the secret is gone, disabled or forbidden, its JSON no longer fits)
/// removes the entry, so an outage later cannot bring the old value back.
final class CredentialCache: Sendable {
    /// What a cache entry is filed under.
    struct Key: Hashable, Sendable {
        /// The vault name, lower-cased.
        var vault: String
        /// The secret name, lower-cased.
        var secret: String
        /// The credential type as the MID sent it.
        var type: String
    }

    /// Where an answer came from.
    enum Source: Sendable, Equatable {
        /// This request read Key Vault.
        case keyVault
        /// This request waited for a read another request had started.
        case sharedRead
        /// The cache held a credential younger than the TTL.
        case cache
        /// Key Vault could not be reached (`cause`); the credential read `age` ago stood in.
        case stale(age: Duration, cause: ErrorCode)
    }

    /// A credential and where it came from.
    struct Answer: Sendable {
        var resolved: ResolvedCredential
        var source: Source
    }

    private struct Entry {
        var resolved: ResolvedCredential
        var storedAt: ContinuousClock.Instant
    }

    private struct Read {
        var id: Int
        var task: Task<ResolvedCredential, any Error>
    }

    private enum Step {
        case hit(ResolvedCredential)
        case join(Task<ResolvedCredential, any Error>)
        case lead(Read, generation: Int)
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var reads: [Key: Read] = [:]
        var nextReadID = 0
        var generation = 0
        var lastSweep: ContinuousClock.Instant?
        var sharedReads = 0
    }

    /// How often entries past their stale window are dropped.
    private static let sweepInterval = Duration.seconds(60)

    let policy: AgentConfiguration.CachePolicy
    private let clock: any TimeSource
    private let state = Mutex(State())

    /// Creates an empty cache whose entries age on `clock`.
    init(policy: AgentConfiguration.CachePolicy, clock: any TimeSource) {
        self.policy = policy
        self.clock = clock
    }

    /// The credential filed under `key`: from the cache, from a read under way, from a new
    /// read by `read`, or (during an outage) stale.
    ///
    /// - Throws: what `read` throws, when no stale credential may stand in.
    func answer(
        for key: Key,
        read: @escaping @Sendable () async throws -> ResolvedCredential
    ) async throws -> Answer {
        switch nextStep(for: key, read: read) {
        case .hit(let resolved):
            return Answer(resolved: resolved, source: .cache)
        case .join(let task):
            do {
                return Answer(resolved: try await task.value, source: .sharedRead)
            } catch {
                return try fallBack(after: error, key: key)
            }
        case .lead(let read, let generation):
            return try await lead(read, key: key, generation: generation)
        }
    }

    /// Forgets every credential, and detaches reads under way so their results are not kept.
    func flush() {
        state.withLock { state in
            state.generation += 1
            state.entries.removeAll()
            state.reads.removeAll()
        }
    }

    /// The number of credentials held, stale ones included.
    var count: Int {
        state.withLock { $0.entries.count }
    }

    /// How many requests so far waited for a read another request had started.
    var sharedReadCount: Int {
        state.withLock { $0.sharedReads }
    }

    /// Whether a failure with `code` means Key Vault cannot be reached, so a stale credential
    /// may stand in: the `network` family (but an insecure URL or a blocked address, which
    /// are settings problems), `vault.unavailable`, `vault.throttled` and
    /// `vault.budget-exceeded`.
    static func isOutage(_ code: ErrorCode) -> Bool {
        if code.family == "network" {
            return code != .networkInsecureURL && code != .networkNonLoopbackBlocked
        }
        return code == .vaultUnavailable || code == .vaultThrottled || code == .vaultBudgetExceeded
    }

    private func nextStep(
        for key: Key,
        read: @escaping @Sendable () async throws -> ResolvedCredential
    ) -> Step {
        let now = clock.now
        return state.withLock { state in
            if let entry = state.entries[key], now - entry.storedAt < policy.ttl {
                return .hit(entry.resolved)
            }
            if let running = state.reads[key] {
                state.sharedReads += 1
                return .join(running.task)
            }

            let started = Read(id: state.nextReadID, task: Task { try await read() })
            state.nextReadID += 1
            state.reads[key] = started
            return .lead(started, generation: state.generation)
        }
    }

    private func lead(_ read: Read, key: Key, generation: Int) async throws -> Answer {
        do {
            let resolved = try await read.task.value
            finish(read, key: key, generation: generation, outcome: .success(resolved))
            return Answer(resolved: resolved, source: .keyVault)
        } catch {
            finish(read, key: key, generation: generation, outcome: .failure(error))
            return try fallBack(after: error, key: key)
        }
    }

    private func finish(
        _ read: Read,
        key: Key,
        generation: Int,
        outcome: Result<ResolvedCredential, any Error>
    ) {
        let now = clock.now
        state.withLock { state in
            if state.reads[key]?.id == read.id {
                state.reads[key] = nil
            }
            guard state.generation == generation else {
                return
            }

            switch outcome {
            case .success(let resolved) where policy.keepsCredentials:
                state.entries[key] = Entry(resolved: resolved, storedAt: now)
                sweep(&state, now: now)
            case .success:
                break
            case .failure(let error):
                if !Self.isOutage(error) {
                    state.entries[key] = nil
                }
            }
        }
    }

    private func fallBack(after error: any Error, key: Key) throws -> Answer {
        guard let failure = error as? MidkvError, Self.isOutage(failure.code), policy.staleTTL > .zero else {
            throw error
        }

        let now = clock.now
        guard let entry = state.withLock({ $0.entries[key] }), now - entry.storedAt < policy.ttl + policy.staleTTL
        else {
            throw error
        }
        return Answer(resolved: entry.resolved, source: .stale(age: now - entry.storedAt, cause: failure.code))
    }

    /// Drops entries past their stale window, at most once per ``sweepInterval``.
    private func sweep(_ state: inout State, now: ContinuousClock.Instant) {
        if let last = state.lastSweep, now - last < Self.sweepInterval {
            return
        }

        state.lastSweep = now
        let lifetime = policy.ttl + policy.staleTTL
        state.entries = state.entries.filter { now - $0.value.storedAt < lifetime }
    }

    private static func isOutage(_ error: any Error) -> Bool {
        guard let failure = error as? MidkvError else {
            return false
        }
        return isOutage(failure.code)
    }
}
