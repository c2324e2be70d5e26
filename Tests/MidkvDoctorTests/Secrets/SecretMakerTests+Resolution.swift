import Foundation
import MidkvCore
import MidkvDoctor
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Secret maker: made values resolve through the emulator")
struct SecretMakerResolutionTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let objectID = "0a0a0a0a-1b1b-2c2c-3d3d-4e4e4e4e4e4e"
    static let clientSecret = "CANARY-client-secret-made"
    static let vault = "kv-made"

    /// The Key Vault name a made value is stored under.
    static func secretName(_ made: SecretMakerTests.Made) -> String {
        "made-\(made.type.name)-\(made.type.shapes.firstIndex(of: made.shape) ?? 0)".replacingOccurrences(
            of: "_",
            with: "-"
        )
    }

    private func seed() -> EmulatorSeed {
        let secrets = SecretMakerTests.made.map { made in
            EmulatorSeed.Secret(
                name: Self.secretName(made),
                versions: [EmulatorSeed.SecretVersion(value: made.value.reveal(), contentType: "application/json")]
            )
        }
        return EmulatorSeed(
            tenants: [EmulatorSeed.Tenant(id: Self.tenant)],
            applications: [
                EmulatorSeed.Application(
                    tenant: Self.tenant,
                    clientID: Self.clientID,
                    objectID: Self.objectID,
                    secrets: [EmulatorSeed.ClientSecret(value: Self.clientSecret)]
                )
            ],
            vaults: [
                EmulatorSeed.Vault(
                    name: Self.vault,
                    tenant: Self.tenant,
                    grants: [EmulatorSeed.Grant(principal: Self.objectID, permissions: [.get])],
                    secrets: secrets
                )
            ]
        )
    }

    @Test("every made value resolves for its type with each field's value, byte for byte")
    func resolves() async throws {
        let harness = try EmulatorHarness(seed: seed())
        defer { harness.stop() }
        let environment = [
            "AZURE_TENANT_ID": Self.tenant, "AZURE_CLIENT_ID": Self.clientID, "AZURE_CLIENT_SECRET": Self.clientSecret,
            "MIDKV_VAULT_NAME": Self.vault,
        ]
        let resolver = try CredentialResolver(
            settings: try harness.settings(configXML: nil, environment: environment),
            time: NoWaitTimeSource()
        )
        defer { resolver.shutdown() }

        for made in SecretMakerTests.made {
            let request = CredentialRequest(credentialID: Self.secretName(made), type: made.type.name)
            let credential = try await resolver.resolve(request).credential
            for field in made.shape.fields {
                guard let key = field.resolverKey, let given = made.inputs[field.key] else {
                    continue
                }
                let expected = key == .user && made.type.qualifiesUserWithDomain ? "CONTOSO\\svc-disc" : given.reveal()
                let same = credential[key]?.reveal() == expected
                #expect(same, "\(made.type.name): \(field.key) -> \(key) differs")
            }
        }
    }
}
