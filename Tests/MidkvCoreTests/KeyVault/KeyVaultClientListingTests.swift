import Foundation
import MidkvCore
import MidkvSupport
import Testing

@Suite("Key Vault client: listings")
struct KeyVaultClientListingTests {
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
