import Foundation
import MidkvCore
import MidkvSupport
import Synchronization

/// A token source that hands out scripted tokens, counts calls, and can hold callers at a gate.
final class StubTokenSource: TokenSource {
    private struct State {
        var calls: [String] = []
        var discarded: [String] = []
        var results: [Result<AccessToken, MidkvError>]
        var gates: [CheckedContinuation<Void, Never>] = []
        var gateClosed: Bool
    }

    private let state: Mutex<State>
    let cacheKey: String

    /// A source that returns `results` in order, repeating the last one.
    init(
        _ results: [Result<AccessToken, MidkvError>] = [.success(StubTokenSource.token())],
        key: String = "stub",
        gated: Bool = false
    ) {
        self.state = Mutex(State(results: results, gateClosed: gated))
        self.cacheKey = key
    }

    var description: String {
        "stub token source \(cacheKey)"
    }

    /// The scopes asked for, one per call.
    var calls: [String] {
        state.withLock { $0.calls }
    }

    /// The scopes whose cached tokens were discarded.
    var discarded: [String] {
        state.withLock { $0.discarded }
    }

    /// Lets the held caller (and later ones) through.
    func openGate() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.gateClosed = false
            defer { state.gates = [] }
            return state.gates
        }
        for continuation in waiting {
            continuation.resume()
        }
    }

    func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        let result = state.withLock { state -> Result<AccessToken, MidkvError> in
            state.calls.append(scope)
            return state.results.count > 1 ? state.results.removeFirst() : state.results[0]
        }

        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                guard state.gateClosed else {
                    return true
                }
                state.gates.append(continuation)
                return false
            }
            if resumeNow {
                continuation.resume()
            }
        }
        return try result.get()
    }

    func discardCachedToken(for scope: String) async {
        state.withLock { $0.discarded.append(scope) }
    }

    /// A token that expires `lifetime` seconds after `issued`.
    static func token(
        _ value: String = Canary.token,
        issued: Date = Date(timeIntervalSince1970: 1_764_763_200),
        lifetime: TimeInterval = 3600
    ) -> AccessToken {
        AccessToken(token: Secret(value), expiresOn: issued.addingTimeInterval(lifetime))
    }
}
