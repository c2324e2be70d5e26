import Foundation
import MidkvEmulator
import MidkvTestSupport
import Testing

@Suite("Seed file: certificates, federated credentials, issuers and the Arc machine")
struct EmulatorSeedCredentialTests {
    static let id = TestWorld.tenant
    static let client = TestWorld.clientID

    static func app(_ body: String) -> String {
        #"{"tenants": [{"id": "\#(id)"}], "applications": [{"tenant": "\#(id)", "clientId": "\#(client)", \#(body)}]}"#
    }

    @Test("the new sections decode, with the exchange audience as the default")
    func decodes() throws {
        let thumbprint = String(repeating: "ab", count: 32)
        let json = """
            {"tenants": [{"id": "\(Self.id)"}],
             "applications": [{"tenant": "\(Self.id)", "clientId": "\(Self.client)",
               "certificates": [{"thumbprint": "\(thumbprint)"}],
               "federatedCredentials": [{"issuer": "https://issuer.example", "subject": "system:serviceaccount:a:b"}]}],
             "workloadIssuers": [{"issuer": "https://issuer.example"}],
             "arc": {"keyFolder": "/var/opt/azcmagent/tokens",
                     "identity": {"tenant": "\(Self.id)", "clientId": "\(Self.client)", "objectId": "\(Self.client)"}}}
            """
        let seed = try EmulatorSeed.decode(Data(json.utf8))
        let app = try #require(seed.applications.first)

        #expect(app.certificates == [EmulatorSeed.AppCertificate(thumbprint: thumbprint)])
        #expect(app.federatedCredentials.first?.audiences == ["api://AzureADTokenExchange"])
        #expect(seed.workloadIssuers.first?.publicKey == nil)
        #expect(seed.arc?.keyFolder == "/var/opt/azcmagent/tokens")
    }

    @Test(
        "each invalid credential fails with a stable code naming the JSON path",
        arguments: [
            (
                app(#""certificates": [{"certificate": "-----BEGIN CERTIFICATE-----\nAAAA\n"}]"#),
                "applications[0].certificates[0].certificate"
            ),
            (app(#""certificates": [{"thumbprint": "abc"}]"#), "applications[0].certificates[0].thumbprint"),
            (app(#""certificates": [{}]"#), "applications[0].certificates[0]"),
            (
                app(#""federatedCredentials": [{"issuer": "", "subject": "s"}]"#),
                "applications[0].federatedCredentials[0].issuer"
            ),
            (
                app(#""federatedCredentials": [{"issuer": "i", "subject": "s", "audiences": []}]"#),
                "applications[0].federatedCredentials[0].audiences"
            ),
            (
                #"{"tenants": [{"id": "\#(id)"}], "workloadIssuers": [{"issuer": "i", "publicKey": "nope"}]}"#,
                "workloadIssuers[0].publicKey"
            ),
            (
                #"{"tenants": [{"id": "\#(id)"}], "arc": {"keyFolder": "tokens", "identity": {"tenant": "\#(id)", "clientId": "\#(client)", "objectId": "\#(client)"}}}"#,
                "arc.keyFolder"
            ),
        ]
    )
    func invalid(json: String, path: String) throws {
        let error = #expect(throws: EmulatorSeedError.self) { try EmulatorSeed.decode(Data(json.utf8)) }

        #expect(error?.code == .invalidValue)
        #expect(error?.path == path)
    }
}
