import MidkvCore
import MidkvSupport
import Synchronization

/// Resolves the MID's requests through the cache with the current resolver, and swaps the
/// resolver when the settings change.
final class CredentialService: Sendable {
    private let cache: CredentialCache
    private let metrics: AgentMetrics
    private let current: Mutex<ResolverGeneration>
    private let tokenCaches: Mutex<[TokenCache]>

    /// Creates a service that starts with `resolver`.
    init(resolver: CredentialResolver, cache: CredentialCache, metrics: AgentMetrics) {
        self.cache = cache
        self.metrics = metrics
        self.current = Mutex(ResolverGeneration(resolver: resolver))
        self.tokenCaches = Mutex([resolver.tokenCache])
    }

    /// The settings the current resolver was built from.
    var settings: Settings {
        current.withLock { $0.resolver.settings }
    }

    /// The number of credentials in the cache.
    var cacheCount: Int {
        cache.count
    }

    /// Resolves `request`: from the cache, from a read under way, from Key Vault, or stale.
    func resolve(_ request: CredentialRequest) async -> Result<CredentialCache.Answer, MidkvError> {
        let generation = current.withLock { generation in
            generation.enter()
            return generation
        }
        defer { generation.leave() }

        let resolver = generation.resolver
        let key: CredentialCache.Key
        do {
            key = try Self.key(for: request, settings: resolver.settings)
        } catch {
            return .failure(error)
        }

        do {
            let answer = try await cache.answer(for: key) { [metrics] in
                metrics.countVaultRead()
                return try await resolver.resolve(request)
            }
            metrics.countAnswer(answer.source)
            return .success(answer)
        } catch {
            metrics.countAnswer(nil)
            return .failure(Self.explained(error))
        }
    }

    /// Starts using `resolver` for new requests, forgets every cached credential, and retires
    /// the resolver it replaces.
    func replace(with resolver: CredentialResolver) {
        let replacement = ResolverGeneration(resolver: resolver)
        let retired = current.withLock { generation in
            defer { generation = replacement }
            return generation
        }

        tokenCaches.withLock { $0.append(resolver.tokenCache) }
        cache.flush()
        retired.retire()
    }

    /// Token requests sent by every resolver so far.
    func tokenRefreshes() async -> Int {
        var total = 0
        for tokenCache in tokenCaches.withLock({ $0 }) {
            total += await tokenCache.refreshCount
        }
        return total
    }

    /// Shuts the current resolver down, cancelling any request still using it.
    func shutdown() {
        current.withLock { $0 }.shutDownNow()
    }

    /// The cache key of `request`: its vault and secret under `settings`, and its type.
    ///
    /// - Throws: ``MidkvError`` from the `credential-id` family for an ID of the wrong form.
    static func key(for request: CredentialRequest, settings: Settings) throws(MidkvError) -> CredentialCache.Key {
        let id = try CredentialID(parsing: request.credentialID, configuredVault: settings.vaultName?.value)
        return CredentialCache.Key(
            vault: id.vaultName.lowercased(),
            secret: id.secretName.lowercased(),
            type: request.type
        )
    }

    private static func explained(_ error: any Error) -> MidkvError {
        if let error = error as? MidkvError {
            return error
        }
        return MidkvError(
            .agentInternal,
            "The agent could not finish the resolution.",
            evidence: [Evidence("failure", String(describing: type(of: error)))],
            fix: "Try again; if it keeps failing, restart the agent and report the agent's log."
        )
    }
}
