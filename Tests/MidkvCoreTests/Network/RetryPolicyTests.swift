import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport
import Testing

@Suite("Retry policy and server-requested delays")
struct RetryPolicyTests {
    @Test("without jitter the waits double from 1 s and stop growing at 16 s")
    func schedule() {
        let policy = RetryPolicy(maxAttempts: 8, jitter: 0, retryableStatuses: [429])

        let waits = (1...7).map { policy.backoff(beforeRetry: $0, unitRandom: 0.5) }

        #expect(waits == [1, 2, 4, 8, 16, 16, 16].map { Duration.seconds($0) })
    }

    @Test("jitter keeps each wait within its spread and under the cap")
    func jitter() {
        let policy = RetryPolicy(maxAttempts: 6, jitter: 0.2, retryableStatuses: [429])

        #expect(policy.backoff(beforeRetry: 2, unitRandom: 0) == .milliseconds(1600))
        #expect(policy.backoff(beforeRetry: 2, unitRandom: 1) == .milliseconds(2400))
        #expect(policy.backoff(beforeRetry: 5, unitRandom: 1) == .seconds(16))
    }

    @Test("Key Vault's policy retries 429 and transient 5xx, not 4xx")
    func keyVaultStatuses() {
        #expect(RetryPolicy.keyVault.retryableStatuses == [429, 500, 502, 503, 504])
        #expect(RetryPolicy.managedIdentity.retryableStatuses.isSuperset(of: [404, 410, 429, 500, 599]))
        #expect(!RetryPolicy.managedIdentity.retryableStatuses.contains(400))
    }

    @Test(
        "a server-requested delay is read from each header form",
        arguments: [
            ("retry-after-ms", "1500", Duration.milliseconds(1500)),
            ("x-ms-retry-after-ms", "250", .milliseconds(250)),
            ("Retry-After", "7", .seconds(7)),
            ("Retry-After", "Wed, 03 Dec 2025 12:00:30 GMT", .seconds(30)),
            ("Retry-After", "Wed, 03 Dec 2025 11:00:00 GMT", .zero),
        ]
    )
    func requestedDelay(header: String, value: String, expected: Duration) {
        let response = HTTPResponse(status: 429, headers: HTTPHeaders([(header, value)]))
        let now = Date(timeIntervalSince1970: 1_764_763_200)

        #expect(response.requestedRetryDelay(now: now) == expected)
    }

    @Test("milliseconds headers win over Retry-After, and no header means no requested delay")
    func precedence() {
        let both = HTTPResponse(status: 429, headers: HTTPHeaders([("Retry-After", "9"), ("retry-after-ms", "100")]))
        let none = HTTPResponse(status: 429)

        #expect(both.requestedRetryDelay(now: Date()) == .milliseconds(100))
        #expect(none.requestedRetryDelay(now: Date()) == nil)
    }
}
