import MidkvCore
import Synchronization

/// One resolver the agent built from one set of settings, counting the requests using it.
///
/// A reload retires the generation it replaces; the retired resolver's transport is shut
/// down once its last request is done, so requests under way finish with the settings they
/// started with.
final class ResolverGeneration: Sendable {
    private struct State {
        var users = 0
        var retired = false
        var shutDown = false
    }

    /// The resolver.
    let resolver: CredentialResolver
    private let state = Mutex(State())

    /// Wraps `resolver`.
    init(resolver: CredentialResolver) {
        self.resolver = resolver
    }

    /// Notes that a request starts using the resolver.
    func enter() {
        state.withLock { $0.users += 1 }
    }

    /// Notes that a request is done with the resolver.
    func leave() {
        let shutDown = state.withLock { state in
            state.users -= 1
            return Self.claimShutdown(&state)
        }
        if shutDown {
            resolver.shutdown()
        }
    }

    /// Marks the resolver as replaced; it shuts down when no request uses it any more.
    func retire() {
        let shutDown = state.withLock { state in
            state.retired = true
            return Self.claimShutdown(&state)
        }
        if shutDown {
            resolver.shutdown()
        }
    }

    /// Shuts the resolver down now, whoever still uses it.
    func shutDownNow() {
        let shutDown = state.withLock { state in
            state.retired = true
            defer { state.shutDown = true }
            return !state.shutDown
        }
        if shutDown {
            resolver.shutdown()
        }
    }

    private static func claimShutdown(_ state: inout State) -> Bool {
        guard state.retired, state.users == 0, !state.shutDown else {
            return false
        }
        state.shutDown = true
        return true
    }
}
