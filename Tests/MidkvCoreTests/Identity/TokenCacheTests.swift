import Foundation
import MidkvCore
import MidkvSupport
import Testing

@Suite("Token cache")
struct TokenCacheTests {
    static let scope = "https://vault.azure.net/.default"

    let time = FakeTimeSource()

    func token(lifetime: TimeInterval, value: String = "t") -> AccessToken {
        AccessToken(token: Secret(value), expiresOn: time.date.addingTimeInterval(lifetime))
    }

    @Test("a one-hour token is reused until five minutes before expiry, then refreshed")
    func refreshWindow() async throws {
        let source = StubTokenSource([
            .success(token(lifetime: 3600, value: "first")), .success(token(lifetime: 7200, value: "second")),
        ])
        let cache = TokenCache(time: time)

        let first = try await cache.token(from: source, for: Self.scope, deadline: time.deadline())
        time.advance(by: .seconds(54 * 60 + 59))
        let reused = try await cache.token(from: source, for: Self.scope, deadline: time.deadline())
        time.advance(by: .seconds(2))
        let refreshed = try await cache.token(from: source, for: Self.scope, deadline: time.deadline())

        #expect(first.token.reveal() == "first")
        #expect(reused.token.reveal() == "first")
        #expect(refreshed.token.reveal() == "second")
        #expect(await cache.refreshCount == 2)
        #expect(source.calls == [Self.scope, Self.scope])
    }

    @Test(
        "the refresh time follows the lifetime: 5 minutes early, half a short lifetime, half-life from 2 hours",
        arguments: [
            (3600.0, 3300.0),
            (480.0, 240.0),
            (7200.0, 3600.0),
            (86400.0, 43200.0),
            (7199.0, 6899.0),
        ]
    )
    func refreshDate(lifetime: Double, refreshAfter: Double) {
        let obtained = Date(timeIntervalSince1970: 1_764_763_200)
        let token = AccessToken(token: Secret("t"), expiresOn: obtained.addingTimeInterval(lifetime))

        #expect(TokenCache.refreshDate(for: token, obtained: obtained) == obtained.addingTimeInterval(refreshAfter))
    }

    @Test("a refresh time suggested by the issuer wins")
    func suggestedRefresh() {
        let obtained = Date(timeIntervalSince1970: 1_764_763_200)
        let token = AccessToken(
            token: Secret("t"),
            expiresOn: obtained.addingTimeInterval(86400),
            refreshOn: obtained.addingTimeInterval(600)
        )

        #expect(TokenCache.refreshDate(for: token, obtained: obtained) == obtained.addingTimeInterval(600))
    }

    @Test("concurrent callers share one token request")
    func singleFlight() async throws {
        let source = StubTokenSource([.success(token(lifetime: 3600))], gated: true)
        let cache = TokenCache(time: time)
        let callers = 8

        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    try await cache.token(from: source, for: Self.scope, deadline: time.deadline()).token.reveal()
                }
            }
            for _ in 0..<20_000 where await cache.joinedRefreshCount < callers - 1 {
                try await Task.sleep(for: .milliseconds(1))
            }
            source.openGate()
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(tokens == Array(repeating: "t", count: callers))
        #expect(await cache.joinedRefreshCount == callers - 1)
        #expect(source.calls.count == 1)
        #expect(await cache.refreshCount == 1)
    }

    @Test("tokens are kept apart by source and by scope")
    func keys() async throws {
        let cache = TokenCache(time: time)
        let one = StubTokenSource(
            [.success(token(lifetime: 3600, value: "one"))],
            key: "client-secret login/tenant/app-1"
        )
        let two = StubTokenSource(
            [.success(token(lifetime: 3600, value: "two"))],
            key: "client-secret login/tenant/app-2"
        )

        let a = try await cache.token(from: one, for: Self.scope, deadline: time.deadline())
        let b = try await cache.token(from: two, for: Self.scope, deadline: time.deadline())
        let c = try await cache.token(
            from: one,
            for: "https://vault.usgovcloudapi.net/.default",
            deadline: time.deadline()
        )
        let d = try await cache.token(from: one, for: Self.scope, deadline: time.deadline())

        #expect([a, b, c, d].map { $0.token.reveal() } == ["one", "two", "one", "one"])
        #expect(one.calls.count == 2)
        #expect(two.calls.count == 1)
        #expect(await cache.count == 3)
    }

    @Test("a discarded token is requested again")
    func discard() async throws {
        let source = StubTokenSource([.success(token(lifetime: 3600))])
        let cache = TokenCache(time: time)
        let cached = cache.caching(source)

        _ = try await cached.token(for: Self.scope, deadline: time.deadline())
        await cached.discardCachedToken(for: Self.scope)
        _ = try await cached.token(for: Self.scope, deadline: time.deadline())

        #expect(source.calls.count == 2)
        #expect(cached.description == source.description)
    }

    @Test("a failed refresh falls back to the still-valid token; an expired one is not used")
    func failedRefresh() async throws {
        let failure = MidkvError(.identityFailed, "Entra ID is down", fix: "wait")
        let source = StubTokenSource([.success(token(lifetime: 3600, value: "old")), .failure(failure)])
        let cache = TokenCache(time: time)

        _ = try await cache.token(from: source, for: Self.scope, deadline: time.deadline())
        time.advance(by: .seconds(56 * 60))
        let fallback = try await cache.token(from: source, for: Self.scope, deadline: time.deadline())
        time.advance(by: .seconds(5 * 60))
        let error = await midkvError { try await cache.token(from: source, for: Self.scope, deadline: time.deadline()) }

        #expect(fallback.token.reveal() == "old")
        #expect(error?.code == .identityFailed)
        #expect(source.calls.count == 3)
    }

    @Test("a failure is not cached: the next caller asks again")
    func failureNotCached() async throws {
        let failure = MidkvError(.identityInvalidSecret, "bad secret", fix: "fix it")
        let source = StubTokenSource([.failure(failure), .success(token(lifetime: 3600))])
        let cache = TokenCache(time: time)

        let error = await midkvError { try await cache.token(from: source, for: Self.scope, deadline: time.deadline()) }
        let token = try await cache.token(from: source, for: Self.scope, deadline: time.deadline())

        #expect(error?.code == .identityInvalidSecret)
        #expect(token.token.reveal() == "t")
        #expect(await cache.refreshCount == 2)
    }
}
