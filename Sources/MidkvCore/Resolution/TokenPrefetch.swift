/// A token request a resolution starts before the vault's challenge is known, so that the two
/// round trips overlap; the token step then reports this request's outcome and its duration.
final class TokenPrefetch: Sendable {
    /// How the request ended, and how long it took from its start.
    struct Outcome: Sendable {
        var result: Result<AccessToken, any Error>
        var duration: Duration
    }

    /// The scope the token is for.
    let scope: String

    private let request: Task<Outcome, Never>

    /// Starts asking `source` for a token for `scope`, timed on `time`.
    init(scope: String, source: any TokenSource, deadline: ContinuousClock.Instant, time: any TimeSource) {
        self.scope = scope
        let start = time.now
        request = Task {
            do {
                let token = try await source.token(for: scope, deadline: deadline)
                return Outcome(result: .success(token), duration: time.now - start)
            } catch {
                return Outcome(result: .failure(error), duration: time.now - start)
            }
        }
    }

    /// The outcome, once the request has ended.
    var outcome: Outcome {
        get async {
            await request.value
        }
    }
}
