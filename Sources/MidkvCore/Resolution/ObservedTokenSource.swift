/// Reports each token acquisition of another source to the current ``ResolutionObserver``.
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
        let start = time.now
        do {
            let token = try await source.token(for: scope, deadline: deadline)
            let detail = "\(source.description): token for \(scope)"
            let event = ResolutionEvent(step: .token, outcome: .succeeded(detail), duration: time.now - start)
            ResolutionObserver.report(event)
            return token
        } catch let error as MidkvError {
            let event = ResolutionEvent(step: .token, outcome: .failed(error), duration: time.now - start)
            ResolutionObserver.report(event)
            throw error
        }
    }

    func discardCachedToken(for scope: String) async {
        await source.discardCachedToken(for: scope)
    }
}
