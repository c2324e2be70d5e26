import Synchronization

/// What one resolution knows about its token step, shared by the resolver and the token source
/// its Key Vault client asks: the request started ahead of the vault's challenge, and whether
/// obtaining a token failed.
final class TokenStep: Sendable {
    private struct State {
        var prefetch: TokenPrefetch?
        var failed = false
    }

    private let state = Mutex(State())

    /// Records the request started ahead of the vault's challenge.
    func started(_ prefetch: TokenPrefetch) {
        state.withLock { $0.prefetch = prefetch }
    }

    /// The request started ahead of the challenge, handed out once and only for its own scope:
    /// a token asked for again (after the vault refused the first) is a request of its own.
    func takePrefetch(for scope: String) -> TokenPrefetch? {
        state.withLock { state in
            guard let prefetch = state.prefetch, prefetch.scope == scope else {
                return nil
            }
            state.prefetch = nil
            return prefetch
        }
    }

    /// Records that no token could be obtained.
    func recordFailure() {
        state.withLock { $0.failed = true }
    }

    /// Whether obtaining a token failed in this resolution.
    var hasFailed: Bool {
        state.withLock { $0.failed }
    }
}
