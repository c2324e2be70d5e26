import Foundation
import MidkvEmulator
import MidkvTestSupport
import Testing

@Suite("Seed file")
struct EmulatorSeedTests {
    @Test("a minimal seed decodes with documented defaults")
    func defaults() throws {
        let json = """
            {"tenants": [{"id": "\(TestWorld.tenant)"}],
             "vaults": [{"name": "kv-contoso", "tenant": "\(TestWorld.tenant)",
                         "secrets": [{"name": "s", "versions": [{"value": "v"}]}]}]}
            """
        let seed = try EmulatorSeed.decode(Data(json.utf8))
        let vault = try #require(seed.vaults.first)

        #expect(vault.cloud == .public)
        #expect(vault.authorization == .rbac)
        #expect(vault.region == "eastus")
        #expect(vault.softDeleteRetentionDays == 90)
        #expect(vault.host == "kv-contoso.vault.azure.net")
        #expect(vault.secrets.first?.versions.first?.enabled == true)
        #expect(seed.tokenLifetimeSeconds == 3599)
        #expect(seed.applications.isEmpty)
        #expect(seed.faults == EmulatorSeed.Faults())
    }

    @Test("times may be Unix seconds or ISO 8601 text")
    func times() throws {
        let seed = try TestWorld.seed()
        let secrets = seed.applications[0].secrets

        #expect(secrets[0].expires == Date(timeIntervalSince1970: 4_070_908_800))
        #expect(secrets[1].expires == Date(timeIntervalSince1970: 1_600_000_000))
        #expect(seed.applications[1].secrets[0].expires == Date(timeIntervalSince1970: 1_577_836_800))
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var code: EmulatorSeedError.Code
        var path: String

        var testDescription: String { name }
    }

    static let id = TestWorld.tenant
    static let tenant = #"{"id": "\#(id)"}"#

    static func vault(_ body: String) -> String {
        #"{"tenants": [\#(tenant)], "vaults": [{"name": "kv-contoso", "tenant": "\#(id)", \#(body)}]}"#
    }

    static let errors: [ErrorCase] = [
        ErrorCase(name: "not JSON", json: "{tenants: []", code: .notJSON, path: "(top level)"),
        ErrorCase(name: "no tenants", json: "{}", code: .missingField, path: "tenants"),
        ErrorCase(
            name: "number for a secret value",
            json: vault(#""secrets": [{"name": "s", "versions": [{"value": 5}]}]"#),
            code: .wrongType,
            path: "vaults[0].secrets[0].versions[0].value"
        ),
        ErrorCase(
            name: "misspelled field",
            json: vault(#""secrest": []"#),
            code: .unknownField,
            path: "vaults[0].secrest"
        ),
        ErrorCase(
            name: "unknown cloud",
            json: vault(#""cloud": "mars""#),
            code: .invalidValue,
            path: "vaults[0].cloud"
        ),
        ErrorCase(
            name: "bad time",
            json: vault(#""secrets": [{"name": "s", "versions": [{"value": "v", "exp": "tomorrow"}]}]"#),
            code: .invalidValue,
            path: "vaults[0].secrets[0].versions[0].exp"
        ),
        ErrorCase(
            name: "invalid vault name",
            json:
                #"{"tenants": [\#(tenant)], "vaults": [{"name": "kv--x", "tenant": "\#(id)"}]}"#,
            code: .invalidValue,
            path: "vaults[0].name"
        ),
        ErrorCase(
            name: "unknown tenant reference",
            json: #"{"tenants": [\#(tenant)], "vaults": [{"name": "kv-x", "tenant": "contoso.example"}]}"#,
            code: .unknownReference,
            path: "vaults[0].tenant"
        ),
        ErrorCase(
            name: "invalid secret name",
            json: vault(#""secrets": [{"name": "linux_root", "versions": [{"value": "v"}]}]"#),
            code: .invalidValue,
            path: "vaults[0].secrets[0].name"
        ),
        ErrorCase(
            name: "secret names differing only in case",
            json: vault(
                #""secrets": [{"name": "a", "versions": [{"value": "v"}]}, "#
                    + #"{"name": "A", "versions": [{"value": "w"}]}]"#
            ),
            code: .duplicate,
            path: "vaults[0].secrets[1].name"
        ),
        ErrorCase(
            name: "version not 32 hex",
            json: vault(#""secrets": [{"name": "a", "versions": [{"value": "v", "version": "v1"}]}]"#),
            code: .invalidValue,
            path: "vaults[0].secrets[0].versions[0].version"
        ),
        ErrorCase(
            name: "client ID not a GUID",
            json:
                #"{"tenants": [\#(tenant)], "applications": [{"tenant": "\#(id)", "clientId": "my-app"}]}"#,
            code: .invalidValue,
            path: "applications[0].clientId"
        ),
        ErrorCase(
            name: "soft-delete retention below 7 days",
            json: vault(#""softDeleteRetentionDays": 5"#),
            code: .invalidValue,
            path: "vaults[0].softDeleteRetentionDays"
        ),
        ErrorCase(
            name: "firewall address",
            json: vault(#""firewall": {"defaultAction": "Deny", "allowedAddresses": ["203.0.113.300"]}"#),
            code: .invalidValue,
            path: "vaults[0].firewall.allowedAddresses[0]"
        ),
    ]

    @Test("each invalid seed fails with a stable code naming the JSON path", arguments: errors)
    func invalid(_ failure: ErrorCase) {
        #expect {
            _ = try EmulatorSeed.decode(Data(failure.json.utf8))
        } throws: { error in
            guard let error = error as? EmulatorSeedError else {
                return false
            }
            return error.code == failure.code && error.path == failure.path
        }
    }

    @Test("errors and descriptions never show client secrets, secret values or the identity header")
    func redaction() throws {
        let seed = try TestWorld.seed()
        let rendered = "\(seed) \(String(reflecting: seed))"
        for canary in TestWorld.canaries {
            #expect(!rendered.contains(canary))
        }

        let json = TestWorld.seedJSON.replacingOccurrences(
            of: #""clientId": "\#(TestWorld.otherClientID)""#,
            with: #""clientId": 5"#
        )
        do {
            _ = try EmulatorSeed.decode(Data(json.utf8))
            Issue.record("the seed should not decode")
        } catch {
            #expect(error.path == "applications[2].clientId")
            #expect(!TestWorld.canaries.contains { error.description.contains($0) })
        }
    }

    @Test("loading names an unreadable file; a seed survives an encode and decode round trip")
    func loadAndRoundTrip() throws {
        #expect(throws: EmulatorSeedError.self) {
            _ = try EmulatorSeed.load(contentsOf: "/nonexistent/seed.json")
        }

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let seed = try TestWorld.seed()
        let path = directory.path("seed.json")
        try JSONEncoder().encode(seed).write(to: URL(fileURLWithPath: path))
        #expect(try EmulatorSeed.load(contentsOf: path) == seed)
    }
}
