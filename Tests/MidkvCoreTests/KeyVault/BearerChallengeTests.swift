import MidkvCore
import MidkvSupport
import MidkvTransport
import Testing

@Suite("Bearer challenge")
struct BearerChallengeTests {
    @Test("the recorded Key Vault challenge yields tenant, resource and scope")
    func recorded() throws {
        let exchanges = try RecordedExchange.testProxy("recordings/azure-sdk-for-go/azsecrets/TestSetGetSecret.json")
        let unauthorized = try #require(exchanges.first { $0.status == 401 })

        let challenge = try #require(BearerChallenge.first(in: unauthorized.responseHeaders))

        #expect(challenge.authorization == "https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47")
        #expect(challenge.tenantID == "72f988bf-86f1-41af-91ab-2d7cd011db47")
        #expect(challenge.resource == "https://vault.azure.net")
        #expect(challenge.tokenScope == "https://vault.azure.net/.default")
        #expect(challenge.covers(host: "fakekvurl.vault.azure.net"))
    }

    @Test(
        "parameters are read in any order, quoted or not, under either authorization name",
        arguments: [
            #"Bearer resource="https://vault.azure.net", authorization="https://login.windows.net/t1""#,
            #"Bearer authorization_uri="https://login.windows.net/t1",resource="https://vault.azure.net""#,
            #"bearer Authorization=https://login.windows.net/t1, Resource=https://vault.azure.net"#,
            #"Bearer authorization="https://login.windows.net/t1" resource="https://vault.azure.net/""#,
            #"Basic realm="x", Bearer authorization="https://login.windows.net/t1", resource="https://vault.azure.net""#,
        ]
    )
    func variants(header: String) throws {
        let challenge = try #require(BearerChallenge(header: header))

        #expect(challenge.tenantID == "t1")
        #expect(challenge.tokenScope == "https://vault.azure.net/.default")
    }

    @Test("a scope is used as given")
    func scope() throws {
        let challenge = try #require(
            BearerChallenge(
                header:
                    #"Bearer authorization="https://login.microsoftonline.us/t2", scope="https://vault.usgovcloudapi.net/.default""#
            )
        )

        #expect(challenge.tokenScope == "https://vault.usgovcloudapi.net/.default")
        #expect(challenge.covers(host: "kv-gov.vault.usgovcloudapi.net"))
        #expect(!challenge.covers(host: "kv-gov.vault.azure.net"))
    }

    @Test("quoted values keep commas and escaped quotes")
    func quoting() throws {
        let challenge = try #require(
            BearerChallenge(
                header:
                    #"Bearer error="invalid_token", error_description="a, \"b\"", resource="https://vault.azure.net""#
            )
        )

        #expect(challenge.parameters["error_description"] == #"a, "b""#)
        #expect(challenge.resource == "https://vault.azure.net")
    }

    @Test(
        "the resource must be a dotted suffix of the host, compared case-insensitively",
        arguments: [
            ("KV-Contoso.Vault.Azure.NET", true),
            ("kv-contoso.vault.azure.net.evil.example", false),
            ("kv-contosovault.azure.net", false),
            ("vault.azure.net", false),
        ]
    )
    func covers(host: String, expected: Bool) {
        let challenge = BearerChallenge(parameters: ["resource": "https://Vault.Azure.net"])

        #expect(challenge.covers(host: host) == expected)
    }

    @Test("headers without a Bearer challenge or without a resource give none")
    func none() {
        #expect(BearerChallenge(header: #"Basic realm="/var/opt/azcmagent/tokens/x.key""#) == nil)
        #expect(BearerChallenge.first(in: HTTPHeaders([("WWW-Authenticate", #"Bearer error="invalid_token""#)])) == nil)
        #expect(BearerChallenge.first(in: HTTPHeaders()) == nil)
    }
}

extension BearerChallengeTests {
    @Test("stray quotes and separators do not confuse the parser")
    func strayCharacters() throws {
        let header =
            #"  ,, "" = Bearer ,resource="https://vault.azure.net",, authorization=https://login.windows.net/t3 ,"#

        let challenge = try #require(BearerChallenge(header: header))

        #expect(challenge.tenantID == "t3")
        #expect(challenge.resource == "https://vault.azure.net")
    }
}
