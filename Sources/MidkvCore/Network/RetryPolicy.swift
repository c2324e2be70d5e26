/// When and how long to wait before sending a request again.
///
/// Waits double from ``baseDelay`` up to ``maxDelay`` (1, 2, 4, 8, 16 s by default, the schedule
/// Key Vault's throttling guidance recommends), each scaled by a random factor within
/// ``jitter``. A delay the server asks for (`retry-after-ms`, `x-ms-retry-after-ms`,
/// `Retry-After`) replaces the computed one. No wait ever runs past the caller's deadline.
public struct RetryPolicy: Sendable, Equatable {
    /// The most requests sent for one operation, the first included.
    public var maxAttempts: Int
    /// The wait before the first retry.
    public var baseDelay: Duration
    /// The longest computed wait.
    public var maxDelay: Duration
    /// The spread of the random factor: `0.2` scales each wait by 0.8 to 1.2; `0` turns it off.
    public var jitter: Double
    /// The HTTP statuses worth another try.
    public var retryableStatuses: Set<Int>
    /// The longest a single attempt may take, before the deadline shortens it further.
    public var attemptTimeout: Duration

    /// Creates a policy.
    public init(
        maxAttempts: Int,
        baseDelay: Duration = .seconds(1),
        maxDelay: Duration = .seconds(16),
        jitter: Double = 0.2,
        retryableStatuses: Set<Int>,
        attemptTimeout: Duration = .seconds(30)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.retryableStatuses = retryableStatuses
        self.attemptTimeout = attemptTimeout
    }

    /// Key Vault: 429 and the transient 5xx statuses, up to six attempts (waits of 1 to 16 s).
    public static let keyVault = RetryPolicy(maxAttempts: 6, retryableStatuses: [429, 500, 502, 503, 504])

    /// The Entra ID token endpoint: the same statuses, up to four attempts.
    public static let tokenEndpoint = RetryPolicy(maxAttempts: 4, retryableStatuses: [429, 500, 502, 503, 504])

    /// Managed identity endpoints: 404 and 410 while IMDS updates, 429, and every 5xx.
    public static let managedIdentity = RetryPolicy(
        maxAttempts: 5,
        retryableStatuses: Set([404, 410, 429]).union(500...599)
    )

    /// A policy that never retries.
    public static let none = RetryPolicy(maxAttempts: 1, retryableStatuses: [])

    /// The computed wait before retry number `retry` (1 for the first retry), in whole milliseconds.
    ///
    /// - Parameter unitRandom: a number in `0..<1` that picks the point within the jitter range.
    public func backoff(beforeRetry retry: Int, unitRandom: Double) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let doubled = baseDelay * (1 << exponent)
        let capped = min(doubled, maxDelay)

        let factor = 1 - jitter + 2 * jitter * min(max(unitRandom, 0), 1)
        let milliseconds = (Double(capped.wholeMilliseconds) * factor).rounded()
        return min(.milliseconds(Int64(milliseconds)), maxDelay)
    }
}
