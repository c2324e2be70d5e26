import Testing

@testable import MidkvDoctor

@Suite("Parameter name matcher")
struct ParameterNameMatcherTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var meant: String?
        var reason: ParameterNameMatcher.Reason

        var testDescription: String {
            "\(name) -> \(meant ?? "nothing")"
        }
    }

    static let cases: [Case] = [
        Case(name: "ext.cred.azure.clientid", meant: "ext.cred.azure.client_id", reason: .misspelled),
        Case(name: "ext.cred.azure.tennant_id", meant: "ext.cred.azure.tenant_id", reason: .misspelled),
        Case(name: "mid.ext.cred.azure.tenant_id", meant: "ext.cred.azure.tenant_id", reason: .wrongPrefix),
        Case(name: "ext.cred.azure.vault.name", meant: "ext.cred.azure.vault_name", reason: .dotsForUnderscores),
        Case(name: "ext.cred.azure.client_secret", meant: "ext.cred.azure.secret_key", reason: .azureVocabulary),
        Case(name: "client_secret", meant: "ext.cred.azure.secret_key", reason: .azureVocabulary),
        Case(name: "tenantId", meant: "ext.cred.azure.tenant_id", reason: .azureVocabulary),
        Case(name: "AZURE_CLIENT_SECRET", meant: "ext.cred.azure.secret_key", reason: .environmentVariable),
        Case(name: "AZURE_TENANT_ID", meant: "ext.cred.azure.tenant_id", reason: .environmentVariable),
        Case(name: "ext.cred.azure.Tenant_ID", meant: "ext.cred.azure.tenant_id", reason: .letterCase),
        Case(name: "ext.cred.azure.client_id ", meant: "ext.cred.azure.client_id", reason: .surroundingSpace),
        Case(name: "ext.cred.azure.vault.proxy.host", meant: "mid.proxy.host", reason: .otherResolver),
        Case(name: "http.proxyHost", meant: "mid.proxy.host", reason: .proxyVocabulary),
        Case(name: "mid.proxy.hostname", meant: "mid.proxy.host", reason: .misspelled),
        Case(name: "mid.prxy.port", meant: "mid.proxy.port", reason: .misspelled),
        Case(name: "ext.cred.azure.endpointscope", meant: "ext.cred.azure.endpoint_scope", reason: .misspelled),
        Case(
            name: "ext.cred.azure.auth_endpoint",
            meant: "ext.cred.azure.vault_auth_endpoint",
            reason: .azureVocabulary
        ),
        Case(name: "ext.cred.azure.certificate_alias", meant: nil, reason: .unknownAzureName),
    ]

    @Test(
        "a name that resembles an Azure or proxy parameter gets the valid name and the way it differs",
        arguments: cases
    )
    func resembling(_ example: Case) throws {
        let match = try #require(ParameterNameMatcher.match(example.name))
        #expect(match.suggestion == example.meant)
        #expect(match.reason == example.reason)
    }

    @Test(
        "ordinary MID parameters, other resolvers' parameters and the valid names are never judged",
        arguments: [
            "url", "name", "mid_sys_id", "mid.log.level", "threads.max", "mid.instance.username",
            "mid.instance.password", "mid.upgrade.use_proxy", "glide.mid.autoupgrade.proxy_host",
            "glide.glidesoap.proxy_port", "keypairs.mid_id", "ext.cred.hashicorp.vault.token", "ext.cred.use_cyberark",
            "ext.cred.safe_name", "mid.ssh.ciphers", "password", "secret", "ext.cred.azure.vault_name",
            "ext.cred.azure.secret_key", "mid.proxy.host", "mid.instance.use_proxy",
        ]
    )
    func ordinary(_ name: String) {
        #expect(ParameterNameMatcher.match(name) == nil)
    }
}
