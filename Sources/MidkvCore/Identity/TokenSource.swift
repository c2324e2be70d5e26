/// Something that obtains access tokens for a scope: a client secret, a client certificate, a
/// federated token, a managed identity (VM, App Service, Azure Arc), or a cache in front of any
/// of them.
///
/// A source's `description` names it without any secret ("client secret for app aaaa… in
/// tenant 1111…"), so it can appear in messages and logs.
public protocol TokenSource: Sendable, CustomStringConvertible {
    /// A stable key naming the authority, tenant and client, for caches to file tokens under.
    var cacheKey: String { get }

    /// Returns a token for `scope` (`https://vault.azure.net/.default`), or throws a
    /// ``MidkvError`` from the `identity` or `network` family.
    func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken

    /// Forgets any token kept for `scope`, so the next call obtains a new one.
    func discardCachedToken(for scope: String) async
}

extension TokenSource {
    /// Sources that keep nothing have nothing to forget.
    public func discardCachedToken(for scope: String) async {}
}
