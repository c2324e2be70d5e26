import Foundation
import MidkvSupport

/// Keeps tokens per source and scope, refreshes them before they expire, and lets concurrent
/// callers share one request.
///
/// A token is reused until its refresh time: 5 minutes before expiry, or at half its lifetime
/// when that comes sooner; tokens that live 2 hours or more are refreshed at half-life. When
/// several callers need a fresh token at once, one request goes out and all of them get its
/// answer. If a refresh fails while the old token is still valid, the old token is used.
public actor TokenCache {
    /// How long before expiry a token is refreshed.
    public static let refreshMargin = Duration.seconds(5 * 60)
    /// Tokens living at least this long are refreshed at half-life.
    public static let halfLifeThreshold = Duration.seconds(2 * 60 * 60)

    private struct Entry {
        var token: AccessToken
        var refreshAt: Date
    }

    private let time: any TimeSource
    private let logger: Logger
    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<AccessToken, any Error>] = [:]

    /// The number of token requests sent to sources so far.
    public private(set) var refreshCount = 0
    /// The number of callers that waited for a request another caller had started.
    public private(set) var joinedRefreshCount = 0

    /// Creates an empty cache.
    public init(time: any TimeSource = SystemTimeSource(), logger: Logger = .disabled) {
        self.time = time
        self.logger = logger
    }

    /// A source that answers through this cache.
    public nonisolated func caching(_ source: any TokenSource) -> CachedTokenSource {
        CachedTokenSource(source: source, cache: self)
    }

    /// A token for `scope` from `source`: the cached one while it is fresh, else a new one.
    ///
    /// - Throws: whatever `source` throws, when no still-valid token can stand in.
    public func token(
        from source: any TokenSource,
        for scope: String,
        deadline: ContinuousClock.Instant
    ) async throws -> AccessToken {
        let key = Self.key(source, scope)
        if let entry = entries[key], time.date < entry.refreshAt {
            return entry.token
        }
        if let running = inFlight[key] {
            joinedRefreshCount += 1
            return try await running.value
        }
        return try await refresh(key: key, source: source, scope: scope, deadline: deadline)
    }

    /// Forgets the token for `scope` from `source`.
    public func discard(from source: any TokenSource, for scope: String) {
        entries[Self.key(source, scope)] = nil
        logger.debug("discarded cached token", ["token.source": source.description])
    }

    /// The number of tokens held.
    public var count: Int {
        entries.count
    }

    /// When a token obtained at `obtained` should be replaced.
    public static func refreshDate(for token: AccessToken, obtained: Date) -> Date {
        if let suggested = token.refreshOn, suggested < token.expiresOn {
            return suggested
        }

        let lifetime = token.expiresOn.timeIntervalSince(obtained)
        if lifetime >= seconds(halfLifeThreshold) {
            return obtained.addingTimeInterval(lifetime / 2)
        }
        let lead = min(seconds(refreshMargin), max(lifetime, 0) / 2)
        return token.expiresOn.addingTimeInterval(-lead)
    }

    private func refresh(
        key: String,
        source: any TokenSource,
        scope: String,
        deadline: ContinuousClock.Instant
    ) async throws -> AccessToken {
        let previous = entries[key]?.token
        let time = self.time
        let task = Task<AccessToken, any Error> {
            do {
                return try await source.token(for: scope, deadline: deadline)
            } catch {
                guard let previous, time.date < previous.expiresOn else {
                    throw error
                }
                return previous
            }
        }

        inFlight[key] = task
        refreshCount += 1
        logger.debug("requesting token for cache", ["token.source": source.description, "token.scope": scope])
        defer { inFlight[key] = nil }

        let token = try await task.value
        entries[key] = Entry(token: token, refreshAt: Self.refreshDate(for: token, obtained: time.date))
        return token
    }

    private static func key(_ source: any TokenSource, _ scope: String) -> String {
        "\(source.cacheKey)\n\(scope)"
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds)
    }
}
