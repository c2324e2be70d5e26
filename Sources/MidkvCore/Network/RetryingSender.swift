import Foundation
import MidkvSupport
import MidkvTransport

/// Sends one request, retrying transient failures under a ``RetryPolicy`` within a deadline.
///
/// The sender never interprets a response beyond deciding whether to try again; the caller
/// maps the ``RetryOutcome`` to a result or a ``MidkvError``.
struct RetryingSender: Sendable {
    /// The transport that carries every attempt.
    var transport: any HTTPTransport
    /// When to retry and how long to wait.
    var policy: RetryPolicy
    /// The clock deadlines and waits run on.
    var time: any TimeSource
    /// Receives one debug entry per retry.
    var logger: Logger
    /// Whether a response deserves another attempt; by default, a status the policy lists.
    var retriesResponse: @Sendable (HTTPResponse) -> Bool
    /// Whether a transport failure deserves another attempt.
    var retriesFailure: @Sendable (TransportError) -> Bool

    /// Creates a sender that retries the policy's statuses and resets, time-outs and empty replies.
    init(transport: any HTTPTransport, policy: RetryPolicy, time: any TimeSource, logger: Logger) {
        self.transport = transport
        self.policy = policy
        self.time = time
        self.logger = logger
        self.retriesResponse = { [statuses = policy.retryableStatuses] in statuses.contains($0.status) }
        self.retriesFailure = { Self.transientKinds.contains($0.kind) }
    }

    /// The transport failures that often succeed a moment later.
    static let transientKinds: Set<TransportError.Kind> = [
        .connectionReset, .emptyReply, .readTimeout, .connectTimeout,
    ]

    /// Sends `request` until it succeeds, stops being retryable, runs out of attempts, or the
    /// next wait would pass `deadline`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled; nothing else.
    func send(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> RetryOutcome {
        var outcome = RetryOutcome()
        while true {
            let left = deadline - time.now
            guard left > .zero else {
                outcome.budgetExhausted = true
                return outcome
            }

            outcome.attempts += 1
            let attempt = await self.attempt(request, timeLeft: left)
            outcome.last = attempt
            guard deservesRetry(attempt), outcome.attempts < policy.maxAttempts else {
                return outcome
            }

            let wait = delay(after: attempt, retry: outcome.attempts)
            let leftNow = deadline - time.now
            guard wait < leftNow else {
                outcome.budgetExhausted = leftNow <= .zero
                outcome.declinedWait = leftNow > .zero ? wait : nil
                outcome.timeLeft = leftNow > .zero ? leftNow : nil
                return outcome
            }

            logRetry(attempt, number: outcome.attempts, wait: wait)
            try await time.sleep(for: wait)
        }
    }

    private func attempt(_ request: HTTPRequest, timeLeft: Duration) async -> RetryOutcome.Attempt {
        var bounded = request
        bounded.timeout = min(request.timeout ?? policy.attemptTimeout, timeLeft)
        bounded.connectTimeout = request.connectTimeout.map { min($0, timeLeft) }

        do {
            return .response(try await transport.send(bounded))
        } catch let failure as TransportError {
            return .failure(failure)
        } catch {
            return .failure(Self.unexpected(error, for: request.url))
        }
    }

    private func deservesRetry(_ attempt: RetryOutcome.Attempt) -> Bool {
        switch attempt {
        case .response(let response):
            retriesResponse(response)
        case .failure(let failure):
            retriesFailure(failure)
        }
    }

    private func delay(after attempt: RetryOutcome.Attempt, retry: Int) -> Duration {
        if case .response(let response) = attempt, let asked = response.requestedRetryDelay(now: time.date) {
            return asked
        }
        return policy.backoff(beforeRetry: retry, unitRandom: Double.random(in: 0..<1))
    }

    private func logRetry(_ attempt: RetryOutcome.Attempt, number: Int, wait: Duration) {
        var metadata = [
            "retry.attempt": "\(number + 1)",
            "retry.delay_ms": "\(wait.wholeMilliseconds)",
        ]
        switch attempt {
        case .response(let response):
            metadata["http.status"] = "\(response.status)"
        case .failure(let failure):
            metadata["network.failure"] = failure.kind.rawValue
        }
        logger.debug("retrying request", metadata)
    }

    private static func unexpected(_ error: any Error, for url: URL) -> TransportError {
        let kind: TransportError.Kind = error is CancellationError ? .cancelled : .other
        return TransportError(
            kind: kind,
            host: url.host ?? "",
            port: url.port ?? (url.scheme == "http" ? 80 : 443),
            detail: "the transport failed without a transport error"
        )
    }
}
