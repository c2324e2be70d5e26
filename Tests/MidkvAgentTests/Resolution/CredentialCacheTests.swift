import Foundation
import MidkvCore
import MidkvSupport
import Synchronization
import Testing

@testable import MidkvAgent

/// The cache on its own, with scripted reads: TTL, single flight, stale serving, eviction.
@Suite("Credential cache")
struct CredentialCacheTests {
    private let key = CredentialCache.Key(vault: "kv-a", secret: "db", type: "ssh_password")
    private let clock = ManualTimeSource()

    private func cache(ttl: Int = 300, stale: Int = 900) -> CredentialCache {
        CredentialCache(policy: .init(ttl: .seconds(ttl), staleTTL: .seconds(stale)), clock: clock)
    }

    @Test("a credential is served from the cache within its TTL, and read again after it")
    func ttl() async throws {
        let cache = cache()
        let reads = ReadScript(user: "first")

        let first = try await cache.answer(for: key, read: reads.read)
        clock.advance(by: .seconds(299))
        let second = try await cache.answer(for: key, read: reads.read)
        clock.advance(by: .seconds(2))
        let third = try await cache.answer(for: key, read: reads.read)

        #expect(first.source == .keyVault)
        #expect(second.source == .cache)
        #expect(third.source == .keyVault)
        #expect(reads.count == 2)
    }

    @Test("concurrent requests for one credential share one read")
    func singleFlight() async throws {
        let cache = cache(ttl: 0, stale: 0)
        let reads = ReadScript(user: "shared", gated: true)

        let sources = try await withThrowingTaskGroup(of: CredentialCache.Source.self) { group in
            for _ in 0..<20 {
                group.addTask { try await cache.answer(for: key, read: reads.read).source }
            }
            while cache.sharedReadCount < 19 {
                try await Task.sleep(for: .milliseconds(5))
            }
            reads.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(reads.count == 1)
        #expect(sources.filter { $0 == .keyVault }.count == 1)
        #expect(sources.filter { $0 == .sharedRead }.count == 19)
        #expect(cache.count == 0, "a TTL and stale TTL of zero keep nothing")
    }

    @Test("during an outage the last good credential is served stale, up to the stale TTL past the TTL")
    func staleDuringOutage() async throws {
        let cache = cache(ttl: 300, stale: 900)
        let reads = ReadScript(user: "good")
        _ = try await cache.answer(for: key, read: reads.read)

        reads.fail(with: .networkRefused)
        clock.advance(by: .seconds(1199))
        let stale = try await cache.answer(for: key, read: reads.read)
        clock.advance(by: .seconds(1))
        let expired = await #expect(throws: MidkvError.self) { try await cache.answer(for: key, read: reads.read) }

        #expect(stale.source == .stale(age: .seconds(1199), cause: .networkRefused))
        #expect(stale.resolved.credential[.user]?.reveal() == "good")
        #expect(expired?.code == .networkRefused)
    }

    @Test(
        "errors that mean the secret is gone or forbidden are never masked, and evict the credential",
        arguments: [ErrorCode.vaultSecretNotFound, .vaultForbiddenRBAC, .vaultSecretDisabled, .secretTypeMismatch]
    )
    func notMasked(code: ErrorCode) async throws {
        let cache = cache()
        let reads = ReadScript(user: "good")
        _ = try await cache.answer(for: key, read: reads.read)
        clock.advance(by: .seconds(301))

        reads.fail(with: code)
        let gone = await #expect(throws: MidkvError.self) { try await cache.answer(for: key, read: reads.read) }
        reads.fail(with: .vaultUnavailable)
        let outage = await #expect(throws: MidkvError.self) { try await cache.answer(for: key, read: reads.read) }

        #expect(gone?.code == code)
        #expect(outage?.code == .vaultUnavailable, "the evicted credential came back")
        #expect(cache.count == 0)
    }

    @Test("a stale TTL of zero never serves an out-of-date credential")
    func noStale() async throws {
        let cache = cache(ttl: 10, stale: 0)
        let reads = ReadScript(user: "good")
        _ = try await cache.answer(for: key, read: reads.read)
        clock.advance(by: .seconds(11))

        reads.fail(with: .vaultThrottled)
        let error = await #expect(throws: MidkvError.self) { try await cache.answer(for: key, read: reads.read) }
        #expect(error?.code == .vaultThrottled)
    }

    @Test("a read that ends after a flush is not kept")
    func flushDuringRead() async throws {
        let cache = cache()
        let reads = ReadScript(user: "old", gated: true)

        async let answer = cache.answer(for: key, read: reads.read)
        while reads.count == 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        cache.flush()
        reads.open()
        _ = try await answer

        #expect(cache.count == 0)
    }

    @Test(
        "outage codes are the network family, vault.unavailable, vault.throttled and vault.budget-exceeded",
        arguments: [
            (ErrorCode.networkRefused, true), (.networkTimeout, true), (.networkReset, true), (.networkDNS, true),
            (.vaultUnavailable, true), (.vaultThrottled, true), (.vaultBudgetExceeded, true),
            (.networkInsecureURL, false), (.networkNonLoopbackBlocked, false), (.vaultSecretNotFound, false),
            (.identityInvalidSecret, false), (.vaultUnauthorized, false),
        ]
    )
    func outageCodes(code: ErrorCode, isOutage: Bool) {
        #expect(CredentialCache.isOutage(code) == isOutage)
    }
}

/// Scripted reads: a credential for `user`, or a failure; optionally held until ``open()``.
private final class ReadScript: Sendable {
    private struct State {
        var count = 0
        var failure: ErrorCode?
        var isOpen: Bool
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let user: String
    private let state: Mutex<State>

    init(user: String, gated: Bool = false) {
        self.user = user
        self.state = Mutex(State(isOpen: !gated))
    }

    var count: Int {
        state.withLock { $0.count }
    }

    func fail(with code: ErrorCode) {
        state.withLock { $0.failure = code }
    }

    func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting {
            continuation.resume()
        }
    }

    var read: @Sendable () async throws -> ResolvedCredential {
        { [self] in
            let failure = state.withLock { state in
                state.count += 1
                return state.failure
            }
            await waitUntilOpen()
            if let failure {
                throw MidkvError(failure, "scripted failure", fix: "none")
            }
            return try resolved()
        }
    }

    private func waitUntilOpen() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                guard !state.isOpen else {
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow {
                continuation.resume()
            }
        }
    }

    private func resolved() throws -> ResolvedCredential {
        let request = CredentialRequest(credentialID: "db", type: "ssh_password")
        let json = Secret(#"{"type":"ssh_password","user":"\#(user)","password":"p"}"#)
        return ResolvedCredential(
            request: request,
            credentialID: try CredentialID(parsing: "db", configuredVault: "kv-a"),
            vaultURL: URL(string: "https://kv-a.vault.azure.net")!,
            secretVersion: "1",
            credential: try SecretDocument.credential(parsing: json, requestedType: "ssh_password"),
            warnings: []
        )
    }
}
