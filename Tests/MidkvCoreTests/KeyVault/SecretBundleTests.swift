import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("Secret bundles")
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
}
