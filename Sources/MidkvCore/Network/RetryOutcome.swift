import MidkvTransport

/// How a retried exchange ended: the last answer or failure, how many requests went out, and
/// whether the deadline cut it short.
struct RetryOutcome: Sendable {
    /// The result of one request.
    enum Attempt: Sendable {
        /// An HTTP response arrived, whatever its status.
        case response(HTTPResponse)
        /// No response arrived.
        case failure(TransportError)
    }

    /// The last attempt's result; `nil` when the deadline passed before the first request.
    var last: Attempt?
    /// The number of requests sent.
    var attempts = 0
    /// The wait that was not taken because it would have run past the deadline.
    var declinedWait: Duration?
    /// The time that was left when that wait was declined.
    var timeLeft: Duration?
    /// Whether the deadline passed before the exchange could finish.
    var budgetExhausted = false

    /// The last response, if the last attempt produced one.
    var response: HTTPResponse? {
        guard case .response(let response) = last else {
            return nil
        }
        return response
    }

    /// Evidence describing the retries, empty when a single attempt settled the matter.
    var evidence: [Evidence] {
        var items: [Evidence] = []
        if attempts > 1 {
            items.append(Evidence("attempts", "\(attempts)"))
        }
        if let declinedWait, let timeLeft {
            items.append(Evidence("next retry wait (not taken)", declinedWait.millisecondsText))
            items.append(Evidence("time left before the deadline", timeLeft.millisecondsText))
        }
        return items
    }
}
