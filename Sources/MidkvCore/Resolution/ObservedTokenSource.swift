/// Reports each token acquisition of another source to the current ``ResolutionObserver``.
///
/// When the resolution started a token request ahead of the vault's challenge, the first token
/// asked for is that request's, reported with the request's own duration rather than the time
/// spent waiting for it.
struct ObservedTokenSource: TokenSource {
    let source: any TokenSource
    let time: any TimeSource

    var description: String {
        source.description
    }

    var cacheKey: String {
        source.cacheKey
    }

    func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        if let prefetch = ResolutionObserver.current.tokenStep?.takePrefetch(for: scope) {
            let outcome = await prefetch.outcome
            return try report(outcome.result, scope: scope, duration: outcome.duration)
        }

        let start = time.now
        do {
            let token = try await source.token(for: scope, deadline: deadline)
            return try report(.success(token), scope: scope, duration: time.now - start)
        } catch {
            return try report(.failure(error), scope: scope, duration: time.now - start)
        }
    }

    func discardCachedToken(for scope: String) async {
        await source.discardCachedToken(for: scope)
    }

    private func report(
        _ result: Result<AccessToken, any Error>,
        scope: String,
        duration: Duration
    ) throws -> AccessToken {
        switch result {
        case .success(let token):
            let detail = "\(source.description): token for \(scope)"
            ResolutionObserver.report(ResolutionEvent(step: .token, outcome: .succeeded(detail), duration: duration))
            return token
        case .failure(let error as MidkvError):
            ResolutionObserver.current.tokenStep?.recordFailure()
            ResolutionObserver.report(ResolutionEvent(step: .token, outcome: .failed(error), duration: duration))
            throw error
        case .failure(let error):
            throw error
        }
    }
}
