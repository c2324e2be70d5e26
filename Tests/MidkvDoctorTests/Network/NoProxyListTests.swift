import MidkvDoctor
import Testing

@Suite("no-proxy list")
struct NoProxyListTests {
    @Test("entries match exact hosts, domains with or without a leading dot or star, and addresses")
    func matching() {
        let list = NoProxyList([" 169.254.169.254", ".contoso.local", "*.vault.azure.net", "Login.MicrosoftOnline.com"])

        #expect(list.matches("169.254.169.254"))
        #expect(list.matches("proxy.contoso.local"))
        #expect(list.matches("contoso.local"))
        #expect(list.matches("kv-contoso-disc.vault.azure.net"))
        #expect(list.matches("login.microsoftonline.com"))
        #expect(!list.matches("notcontoso.local"))
        #expect(!list.matches("management.azure.com"))
    }

    @Test("a lone star matches everything; an empty list nothing")
    func starAndEmpty() {
        #expect(NoProxyList(["*"]).matches("kv-contoso-disc.vault.azure.net"))
        #expect(!NoProxyList([]).matches("kv-contoso-disc.vault.azure.net"))
    }
}
