import MidkvCore
import Testing

@Suite("AzureCloud knows the login hosts and vault names of each cloud")
struct AzureCloudTests {
    @Test("each cloud's scope, resource and token URL template")
    func derivedNames() {
        #expect(AzureCloud.publicCloud.defaultScope == "https://vault.azure.net/.default")
        #expect(AzureCloud.publicCloud.keyVaultResource == "https://vault.azure.net")
        #expect(AzureCloud.china.keyVaultResource == "https://vault.azure.cn")
        #expect(AzureCloud.usGovernment.tokenURLTemplate == "https://login.microsoftonline.us/%s/oauth2/v2.0/token")
        #expect(AzureCloud.germany.defaultScope == "https://vault.microsoftazure.de/.default")
    }

    @Test(
        "finds the cloud of a login host or alias, ignoring case and a trailing dot",
        arguments: [
            ("login.microsoftonline.com", AzureCloud.publicCloud),
            ("STS.windows.net", .publicCloud),
            ("login.windows.net.", .publicCloud),
            ("login.partner.microsoftonline.cn", .china),
            ("login.chinacloudapi.cn", .china),
            ("login.usgovcloudapi.net", .usGovernment),
            ("login.microsoftonline.de", .germany),
        ]
    )
    func loginHost(host: String, cloud: AzureCloud) {
        #expect(AzureCloud.forLoginHost(host) == cloud)
    }

    @Test("finds the cloud of a token URL template with %s")
    func loginURL() {
        #expect(AzureCloud.forLoginURL("https://login.microsoftonline.us/%s/oauth2/v2.0/token") == .usGovernment)
        #expect(AzureCloud.forLoginURL("https://login.local:9553/%s/oauth2/v2.0/token") == nil)
    }

    @Test(
        "finds the cloud of a scope or resource URL",
        arguments: [
            ("https://vault.azure.net/.default", AzureCloud.publicCloud),
            ("https://vault.azure.cn", .china),
            ("https://VAULT.usgovcloudapi.net/.default", .usGovernment),
            ("https://vault.microsoftazure.de/", .germany),
        ]
    )
    func resource(url: String, cloud: AzureCloud) {
        #expect(AzureCloud.forResource(url) == cloud)
    }

    @Test("a scope of another service or no URL at all belongs to no cloud")
    func unknownResource() {
        #expect(AzureCloud.forResource("https://management.azure.com/.default") == nil)
        #expect(AzureCloud.forResource("vault.azure.net/.default") == nil)
    }

    @Test("finds the cloud of a vault host, but not of the bare suffix or a look-alike")
    func vaultHost() {
        #expect(AzureCloud.forVaultHost("kv-contoso-disc.vault.azure.net") == .publicCloud)
        #expect(AzureCloud.forVaultHost("kv-contoso-disc.vault.usgovcloudapi.net") == .usGovernment)
        #expect(AzureCloud.forVaultHost("kv-contoso-disc.VAULT.AZURE.CN.") == .china)
        #expect(AzureCloud.forVaultHost("vault.azure.net") == nil)
        #expect(AzureCloud.forVaultHost("kv-contoso-disc.myvault.azure.net") == nil)
    }
}
