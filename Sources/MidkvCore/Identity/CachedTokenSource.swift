/// A token source that answers through a ``TokenCache``.
public struct CachedTokenSource: TokenSource {
    /// The source that obtains new tokens.
    public let source: any TokenSource
    /// The cache in front of it.
    public let cache: TokenCache

    /// Creates a cached view of `source`.
    public init(source: any TokenSource, cache: TokenCache) {
        self.source = source
        self.cache = cache
    }

    public var description: String {
        source.description
    }

    public var cacheKey: String {
        source.cacheKey
    }

    public func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        try await cache.token(from: source, for: scope, deadline: deadline)
    }

    public func discardCachedToken(for scope: String) async {
        await cache.discard(from: source, for: scope)
    }
}
