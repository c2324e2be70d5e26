import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport
import Testing

@Suite("Key Vault client: challenge flow")
struct KeyVaultClientTests {
    static let recording = "recordings/azure-sdk-for-go/azsecrets/TestSetGetSecret.json"

    @Test("replays the recorded set-then-get: body-less PUT probe, token for the challenge scope, no second probe")
    func recordedSetGet() async throws {
        let recorded = try RecordedExchange.testProxy(Self.recording)
        let time = FakeTimeSource()
        let transport = ScriptedTransport(recorded[0...2].map { .respond($0.response) })
        let source = StubTokenSource()
        let cache = TokenCache(time: time)
        let client = KeyVaultClient(
            transport: transport,
            tokens: cache.caching(source),
            configuration: KeyVaultClient.Configuration(time: time)
        )
        let vault = URL(string: "https://fakekvurl.vault.azure.net")!

        let stored = try await client.setSecret(
            vault: vault,
            name: "secret3379360089",
            value: Secret("value3379360089"),
            deadline: time.deadline()
        )
        let read = try await client.getSecret(vault: vault, name: "secret3379360089", deadline: time.deadline())

        let requests = transport.requests
        #expect(requests.map(\.method) == ["PUT", "PUT", "GET"])
        #expect(
            requests[0].url.absoluteString
                == "https://fakekvurl.vault.azure.net/secrets/secret3379360089?api-version=7.4"
        )
        #expect(requests[0].headers["Authorization"] == nil)
        #expect(requests[0].headers["Content-Length"] == "0")
        #expect(requests[0].body == Data())
        #expect(requests[1].headers["Authorization"] == "Bearer \(Canary.token)")
        #expect(requests[1].headers["Content-Type"] == "application/json")
        #expect(requests[1].bodyText == #"{"value":"value3379360089"}"#)
        #expect(requests[1].headers["x-ms-client-request-id"] == requests[0].headers["x-ms-client-request-id"])
        #expect(requests[2].headers["Authorization"] == "Bearer \(Canary.token)")
        #expect(requests[2].body == nil)
        #expect(source.calls == ["https://vault.azure.net/.default"])
        #expect(await cache.refreshCount == 1)
        #expect(client.challenge(for: vault)?.tenantID == "72f988bf-86f1-41af-91ab-2d7cd011db47")
        #expect(stored.version == "2e4a4ddc760d46b59c4d6f8a1572590b")
        #expect(read.value.reveal() == "value3379360089")
        #expect(read.attributes.recoveryLevel == "CustomizedRecoverable+Purgeable")
        #expect(read.attributes.recoverableDays == 7)
        #expect(read.attributes.created == Date(timeIntervalSince1970: 1_652_892_766))
    }

    @Test("a GET probe carries neither token nor body; the retry carries the token and Accept: application/json")
    func getProbe() async throws {
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, KeyVaultTestBench.bundle()])

        let bundle = try await bench.get(version: "4387e9f3d6e14c459867679a90fd0f79")

        let requests = bench.transport.requests
        #expect(requests.count == 2)
        #expect(
            requests[0].url.absoluteString
                == "https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh/4387e9f3d6e14c459867679a90fd0f79?api-version=7.4"
        )
        #expect(requests[0].headers["Authorization"] == nil)
        #expect(requests[0].headers["Content-Length"] == nil)
        #expect(requests[0].body == nil)
        #expect(requests[1].headers["Authorization"] == "Bearer \(Canary.token)")
        #expect(requests[1].headers["Accept"] == "application/json")
        #expect(bundle.value.reveal() == Canary.secretValue)
        #expect(bundle.name == "linux-root-ssh")
        #expect(bundle.version == "4387e9f3d6e14c459867679a90fd0f79")
        #expect(bundle.contentType == "application/json")
        #expect(bundle.tags == ["owner": "discovery"])
        #expect(bundle.attributes.enabled == true)
        #expect(bundle.findings.isEmpty)
    }

    @Test("a challenge whose resource does not cover the vault host fails before any token is requested or sent")
    func mismatch() async throws {
        let foreign = ScriptedTransport.Step.respond(
            .json(
                401,
                #"{"error":{"code":"Unauthorized","message":"AKV10000"}}"#,
                headers: [
                    (
                        "WWW-Authenticate",
                        #"Bearer authorization="https://login.chinacloudapi.cn/t", resource="https://vault.azure.cn""#
                    )
                ]
            )
        )
        let bench = KeyVaultTestBench([foreign])

        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .vaultChallengeMismatch)
        #expect(error.evidence("challenge resource") == "https://vault.azure.cn")
        #expect(bench.tokens.calls.isEmpty)
        #expect(bench.transport.requests.count == 1)
        #expect(bench.transport.requests.allSatisfy { $0.headers["Authorization"] == nil })
        #expect(bench.client.challenge(for: KeyVaultTestBench.vault) == nil)
    }

    @Test("a loopback emulator works when challenge verification is turned off, and only then")
    func loopbackEmulator() async throws {
        let header =
            #"Bearer authorization="https://127.0.0.1:9553/11111111-2222-3333-4444-555555555555", resource="https://vault.azure.net""#
        let challenge = ScriptedTransport.Step.respond(
            .json(
                401,
                #"{"error":{"code":"Unauthorized","message":"AKV10000"}}"#,
                headers: [("WWW-Authenticate", header)]
            )
        )
        let relaxed = KeyVaultTestBench([challenge, KeyVaultTestBench.bundle()], verifiesChallengeResource: false)
        let strict = KeyVaultTestBench([challenge])
        let vault = URL(string: "https://127.0.0.1:9553")!

        let bundle = try await relaxed.client.getSecret(
            vault: vault,
            name: "linux-root-ssh",
            deadline: relaxed.time.deadline()
        )
        let error = await midkvError {
            try await strict.client.getSecret(vault: vault, name: "linux-root-ssh", deadline: strict.time.deadline())
        }

        #expect(bundle.value.reveal() == Canary.secretValue)
        #expect(
            relaxed.transport.requests.first?.url.absoluteString
                == "https://127.0.0.1:9553/secrets/linux-root-ssh?api-version=7.4"
        )
        #expect(error?.code == .vaultChallengeMismatch)
    }

    @Test("the challenge is remembered per authority, with :443 normalised away")
    func authorityNormalised() async throws {
        let bench = KeyVaultTestBench([
            KeyVaultTestBench.challenge, KeyVaultTestBench.bundle(), KeyVaultTestBench.bundle(),
        ])
        let withPort = URL(string: "https://KV-Contoso-Disc.vault.azure.net:443")!

        _ = try await bench.client.getSecret(vault: withPort, name: "linux-root-ssh", deadline: bench.time.deadline())
        _ = try await bench.get()

        let requests = bench.transport.requests
        #expect(requests.count == 3)
        #expect(requests[2].headers["Authorization"] != nil)
        #expect(bench.client.challenge(for: KeyVaultTestBench.vault) != nil)
    }

    @Test("a remembered challenge answered by a new 401 challenge drops the token and retries once")
    func rechallenge() async throws {
        let tokens = StubTokenSource([
            .success(StubTokenSource.token()), .success(StubTokenSource.token("second-token")),
        ])
        let bench = KeyVaultTestBench(
            [
                KeyVaultTestBench.challenge, KeyVaultTestBench.bundle(), KeyVaultTestBench.challenge,
                KeyVaultTestBench.bundle(),
            ],
            tokens: tokens
        )

        _ = try await bench.get()
        let second = try await bench.get()

        #expect(bench.transport.requests.count == 4)
        #expect(bench.transport.requests[3].headers["Authorization"] == "Bearer second-token")
        #expect(tokens.discarded == ["https://vault.azure.net/.default"])
        #expect(second.value.reveal() == Canary.secretValue)
    }

    @Test("a second 401 after the retry is reported, not retried again")
    func rechallengeOnce() async throws {
        let bench = KeyVaultTestBench([
            KeyVaultTestBench.challenge, KeyVaultTestBench.bundle(), KeyVaultTestBench.challenge,
            KeyVaultTestBench.challenge,
        ])

        _ = try await bench.get()
        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .vaultUnauthorized)
        #expect(bench.transport.requests.count == 4)
        #expect(bench.tokens.calls.count == 3)
    }

    @Test("logs carry vault host, secret name and status, and never a token or value")
    func logging() async throws {
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, KeyVaultTestBench.bundle()])

        _ = try await bench.get()

        let entries = bench.logs.entries
        #expect(
            entries.contains {
                $0.metadata["http.status"] == "401" && $0.metadata["vault.host"] == "kv-contoso-disc.vault.azure.net"
            }
        )
        #expect(
            entries.contains { $0.metadata["http.status"] == "200" && $0.metadata["secret.name"] == "linux-root-ssh" }
        )
        #expect(entries.allSatisfy { $0.level <= .debug })
        #expect(!bench.logs.transcript.contains(Canary.marker))
        #expect(!bench.logs.transcript.contains("p@ss"))
    }

    @Test("a PUT's body carries value, content type and tags only after the challenge")
    func setBody() async throws {
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, KeyVaultTestBench.bundle()])

        _ = try await bench.client.setSecret(
            vault: KeyVaultTestBench.vault,
            name: "linux-root-ssh",
            value: Secret(Canary.secretValue),
            contentType: "application/json",
            tags: ["owner": "discovery"],
            deadline: bench.time.deadline()
        )

        let requests = bench.transport.requests
        let sent = try #require(requests[1].body)
        let body = try #require(try JSONSerialization.jsonObject(with: sent) as? [String: Any])
        #expect(requests[0].bodyText.isEmpty)
        #expect(requests[1].bodyText.contains(#""value":"CANARY-vault-value-p@ss\"w<o>rd""#))
        #expect(requests[1].bodyText.contains(#""contentType":"application/json""#))
        #expect(requests[0].headers["Content-Length"] == "0")
        #expect(body["value"] as? String == Canary.secretValue)
        #expect(body["contentType"] as? String == "application/json")
        #expect(body["tags"] as? [String: String] == ["owner": "discovery"])
    }
}
