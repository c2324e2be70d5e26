import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("Secret bundles and listings")
struct SecretBundleTests {
    @Test("an expired secret is served with a vault.secret-expired warning")
    func expired() async throws {
        let bench = KeyVaultTestBench([
            KeyVaultTestBench.challenge,
            KeyVaultTestBench.bundle(
                attributes: #""enabled":true,"exp":1764000000,"created":1700000000,"updated":1700000000"#
            ),
        ])

        let bundle = try await bench.get()

        let finding = try #require(bundle.findings.first)
        #expect(bundle.findings.count == 1)
        #expect(finding.code == .vaultSecretExpired)
        #expect(finding.severity == .warning)
        #expect(finding.evidence.first?.value == "2025-11-24T16:00:00Z")
        #expect(bundle.attributes.expires == Date(timeIntervalSince1970: 1_764_000_000))
        #expect(bundle.value.reveal() == Canary.secretValue)
    }

    @Test("a secret not yet valid is served with a vault.secret-not-yet-valid warning")
    func notYetValid() async throws {
        let bench = KeyVaultTestBench([
            KeyVaultTestBench.challenge,
            KeyVaultTestBench.bundle(attributes: #""enabled":true,"nbf":1800000000,"exp":1900000000"#),
        ])

        let bundle = try await bench.get()

        #expect(bundle.findings.map(\.code) == [.vaultSecretNotYetValid])
        #expect(bundle.attributes.notBefore == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test("the swagger GetSecret example decodes, value kept as a secret")
    func swaggerExample() async throws {
        let example = try #require(
            try JSONSerialization.jsonObject(
                with: Fixtures.azure("swagger-examples/secrets-2025-07-01/GetSecret-example.json")
            ) as? [String: Any]
        )
        let responses = try #require(example["responses"] as? [String: Any])
        let ok = try #require(responses["200"] as? [String: Any])
        let body = try JSONSerialization.data(withJSONObject: try #require(ok["body"]))
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, .respond(HTTPResponse(status: 200, body: body))])

        let bundle = try await bench.client.getSecret(
            vault: URL(string: "https://myvault.vault.azure.net")!,
            name: "mysecretname",
            version: "4387e9f3d6e14c459867679a90fd0f79",
            deadline: bench.time.deadline()
        )

        #expect(bundle.value.reveal() == "mysecretvalue")
        #expect("\(bundle.value)" == Secret.redactionMarker)
        #expect(bundle.name == "mysecretname")
        #expect(bundle.version == "4387e9f3d6e14c459867679a90fd0f79")
        #expect(bundle.attributes.recoveryLevel == "Recoverable+Purgeable")
    }

    @Test("listing follows nextLink pages (with :443) without a second challenge")
    func listing() async throws {
        let first = """
            {"value":[{"id":"https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh","attributes":{"enabled":true}}],\
            "nextLink":"https://kv-contoso-disc.vault.azure.net:443/secrets?api-version=7.4&$skiptoken=eyJOZXh0TWFya2VyIjoiMiJ9&maxresults=1"}
            """
        let second = """
            {"value":[{"id":"https://kv-contoso-disc.vault.azure.net/secrets/win-admin","contentType":"application/json",\
            "tags":{"team":"itom"},"attributes":{"enabled":false},"managed":true}],"nextLink":null}
            """
        let bench = KeyVaultTestBench([
            KeyVaultTestBench.challenge, .respond(.json(200, first)), .respond(.json(200, second)),
        ])

        let items = try await bench.client.listSecrets(vault: KeyVaultTestBench.vault, deadline: bench.time.deadline())

        #expect(items.map(\.name) == ["linux-root-ssh", "win-admin"])
        #expect(items[1].tags == ["team": "itom"])
        #expect(items[1].managed)
        #expect(items[1].attributes.enabled == false)
        #expect(bench.transport.requests.count == 3)
        #expect(
            bench.transport.requests[0].url.absoluteString
                == "https://kv-contoso-disc.vault.azure.net/secrets?api-version=7.4"
        )
        #expect(bench.transport.requests[2].url.absoluteString.contains("$skiptoken=eyJOZXh0TWFya2VyIjoiMiJ9"))
        #expect(bench.transport.requests[2].headers["Authorization"] != nil)
    }

    @Test("a nextLink to another host is not followed, so no token goes there")
    func foreignNextLink() async throws {
        let page = #"{"value":[],"nextLink":"https://collector.example.net/secrets?api-version=7.4"}"#
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, .respond(.json(200, page))])

        let error = try #require(
            await midkvError {
                try await bench.client.listSecrets(vault: KeyVaultTestBench.vault, deadline: bench.time.deadline())
            }
        )

        #expect(error.code == .vaultFailed)
        #expect(error.evidence("next link host") == "collector.example.net")
        #expect(bench.transport.requests.count == 2)
    }

    @Test("versions of one secret are listed from /secrets/{name}/versions")
    func versions() async throws {
        let page = """
            {"value":[{"id":"https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh/4387e9f3d6e14c459867679a90fd0f79",\
            "attributes":{"enabled":true,"created":1493938289}}],"nextLink":null}
            """
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, .respond(.json(200, page))])

        let items = try await bench.client.listSecretVersions(
            vault: KeyVaultTestBench.vault,
            name: "linux-root-ssh",
            deadline: bench.time.deadline()
        )

        #expect(items.map(\.version) == ["4387e9f3d6e14c459867679a90fd0f79"])
        #expect(bench.transport.requests[0].url.path == "/secrets/linux-root-ssh/versions")
    }
}
