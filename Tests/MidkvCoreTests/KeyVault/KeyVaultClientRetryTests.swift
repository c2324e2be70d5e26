import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport
import Testing

@Suite("Key Vault client: retries within the deadline")
struct KeyVaultClientRetryTests {
    static func throttled(_ headers: [(String, String)] = []) -> ScriptedTransport.Step {
        KeyVaultTestBench.failure(
            429,
            code: "Throttled",
            message:
                "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached",
            headers: headers
        )
    }

    @Test(
        "a requested delay is honoured: Retry-After seconds or HTTP date, retry-after-ms, x-ms-retry-after-ms",
        arguments: [
            ("Retry-After", "7", 7000),
            ("Retry-After", "Wed, 03 Dec 2025 12:00:12 GMT", 12000),
            ("retry-after-ms", "1500", 1500),
            ("x-ms-retry-after-ms", "250", 250),
        ]
    )
    func requestedDelay(header: String, value: String, milliseconds: Int64) async throws {
        let expected = Duration.milliseconds(milliseconds)
        let bench = KeyVaultTestBench([
            KeyVaultTestBench.challenge, Self.throttled([(header, value)]), KeyVaultTestBench.bundle(),
        ])

        let bundle = try await bench.get()

        #expect(bench.time.sleeps == [expected])
        #expect(bundle.value.reveal() == Canary.secretValue)
        #expect(bench.transport.requests.count == 3)
        #expect(
            bench.logs.entries.contains {
                $0.metadata["retry.attempt"] == "2"
                    && $0.metadata["retry.delay_ms"] == "\(milliseconds)"
            }
        )
    }

    @Test("without a requested delay the waits are 1, 2, 4, 8, 16 s; then vault.throttled")
    func backoff() async throws {
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge] + Array(repeating: Self.throttled(), count: 6))

        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .vaultThrottled)
        #expect(error.evidence("attempts") == "6")
        #expect(error.evidence("service code") == "Throttled")
        #expect(bench.time.sleeps == [1, 2, 4, 8, 16].map { Duration.seconds($0) })
        #expect(bench.transport.requests.count == 7)
    }

    @Test("a wait that would pass the deadline is not taken; the last error reports the wait it asked for")
    func waitPastDeadline() async throws {
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, Self.throttled([("Retry-After", "30")])])

        let error = try #require(await midkvError { try await bench.get(budget: .seconds(10)) })

        #expect(error.code == .vaultThrottled)
        #expect(error.evidence("next retry wait (not taken)") == "30000 ms")
        #expect(error.evidence("time left before the deadline") == "10000 ms")
        #expect(error.evidence("Retry-After") == "30")
        #expect(bench.time.sleeps.isEmpty)
        #expect(bench.transport.requests.count == 2)
    }

    @Test("5xx answers are retried, then reported as vault.unavailable")
    func unavailable() async throws {
        let busy = ScriptedTransport.Step.respond(.html(503, "<html>Service Unavailable</html>"))
        let policy = RetryPolicy(maxAttempts: 3, jitter: 0, retryableStatuses: [429, 500, 502, 503, 504])
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, busy, busy, busy], retry: policy)

        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .vaultUnavailable)
        #expect(error.evidence("attempts") == "3")
        #expect(error.evidence("content type") == "text/html")
        #expect(bench.time.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test("a reset is retried and the next attempt succeeds")
    func resetRetried() async throws {
        let reset = TransportError(
            kind: .connectionReset,
            host: "kv-contoso-disc.vault.azure.net",
            port: 443,
            osErrno: 104,
            detail: "Recv failure: Connection reset by peer"
        )
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, .fail(reset), KeyVaultTestBench.bundle()])

        let bundle = try await bench.get()

        #expect(bundle.name == "linux-root-ssh")
        #expect(bench.time.sleeps == [.seconds(1)])
        #expect(bench.transport.requests[2].headers["Authorization"] != nil)
    }

    @Test("resets that outlast the attempts become network.reset on the vault hop")
    func resetsExhausted() async throws {
        let reset = TransportError(
            kind: .connectionReset,
            host: "kv-contoso-disc.vault.azure.net",
            port: 443,
            osErrno: 104,
            detail: "Recv failure: Connection reset by peer"
        )
        let policy = RetryPolicy(maxAttempts: 2, jitter: 0, retryableStatuses: [429])
        let bench = KeyVaultTestBench([.fail(reset), .fail(reset)], retry: policy)

        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .networkReset)
        #expect(error.evidence("attempts") == "2")
        #expect(error.evidence("hop") == "the Key Vault host")
        #expect(bench.tokens.calls.isEmpty)
    }

    @Test("a deadline that has passed before the first request sends nothing")
    func passedDeadline() async throws {
        let bench = KeyVaultTestBench()

        let error = try #require(await midkvError { try await bench.get(budget: .zero) })

        #expect(error.code == .vaultBudgetExceeded)
        #expect(bench.transport.requests.isEmpty)
    }

    @Test("a time-out that uses up the budget is vault.budget-exceeded, with the time-out as evidence")
    func timeoutConsumesBudget() async throws {
        let time = FakeTimeSource()
        let timeout = TransportError(
            kind: .readTimeout,
            host: "kv-contoso-disc.vault.azure.net",
            port: 443,
            detail: "Operation timed out"
        )
        let transport = ScriptedTransport([KeyVaultTestBench.challenge, .fail(timeout)]) { index in
            if index == 1 {
                time.advance(by: .seconds(60))
            }
        }
        let client = KeyVaultClient(
            transport: transport,
            tokens: StubTokenSource(),
            configuration: KeyVaultClient.Configuration(time: time)
        )

        let error = try #require(
            await midkvError {
                try await client.getSecret(
                    vault: KeyVaultTestBench.vault,
                    name: "db",
                    deadline: time.deadline(in: .seconds(60))
                )
            }
        )

        #expect(error.code == .vaultBudgetExceeded)
        #expect(error.evidence("last failure")?.hasPrefix("network.timeout") == true)
        #expect(time.sleeps.isEmpty)
    }

    @Test("each attempt's time-out is cut to the time left before the deadline")
    func attemptTimeout() async throws {
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, KeyVaultTestBench.bundle()])

        _ = try await bench.get(budget: .seconds(12))

        #expect(bench.transport.requests.allSatisfy { ($0.timeout ?? .seconds(99)) <= .seconds(12) })
    }
}

extension KeyVaultClientRetryTests {
    @Test("the default budget is 60 s on the configuration's own clock")
    func defaultBudget() {
        let time = FakeTimeSource()
        let configuration = KeyVaultClient.Configuration(time: time)

        #expect(configuration.deadline() == time.now + .seconds(60))
        #expect(configuration.apiVersion == "7.4")
        #expect(configuration.verifiesChallengeResource)
    }
}
