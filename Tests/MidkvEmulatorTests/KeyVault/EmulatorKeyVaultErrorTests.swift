import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Key Vault secrets: 400, 401, 403 and 404 answers")
struct EmulatorKeyVaultErrorTests {
    static let read = "/secrets/linux-root-ssh?api-version=7.4"

    @Test("a token that expired gets 401 TokenExpired with the challenge")
    func expiredToken() throws {
        let clock = ManualClock()
        let emulator = try TestWorld.emulator(clock: .manual(clock))
        let token = try emulator.token()
        clock.advance(by: .seconds(3600))

        let response = emulator.handle(TestWorld.vaultRequest(Self.read, token: token))
        #expect(response.status == 401)
        #expect(try response.vaultError().message == "[TokenExpired] Error validating token: 'S2S12086'.")
        #expect(response.headers["WWW-Authenticate"] != nil)
    }

    @Test("a token for another audience gets 401 AKV10022 naming expected and found audiences")
    func wrongAudience() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token(scope: "https://management.azure.com/.default")

        let error = try emulator.handle(TestWorld.vaultRequest(Self.read, token: token)).vaultError()
        #expect(error.code == "Unauthorized")
        #expect(
            error.message
                == "AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com."
        )
    }

    @Test("a token from another tenant gets 401 AKV10032 naming expected and found issuers")
    func wrongTenant() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token(
            clientID: TestWorld.otherClientID,
            secret: TestWorld.otherClientSecret,
            tenant: TestWorld.otherTenant
        )

        let response = emulator.handle(TestWorld.vaultRequest(Self.read, token: token))
        #expect(response.status == 401)
        #expect(
            try response.vaultError().message
                == """
                AKV10032: Invalid issuer. Expected one of https://sts.windows.net/\(TestWorld.tenant)/, \
                found https://sts.windows.net/\(TestWorld.otherTenant)/.
                """
        )
    }

    @Test("a token this emulator did not sign is treated as no token: 401 AKV10000")
    func foreignToken() throws {
        let emulator = try TestWorld.emulator()
        let stranger = try TestWorld.emulator()
        let foreign = try stranger.token()

        let response = emulator.handle(TestWorld.vaultRequest(Self.read, token: foreign))
        #expect(response.status == 401)
        #expect(try response.vaultError().message == "AKV10000: Request is missing a Bearer or PoP token.")
    }

    @Test("an RBAC vault refuses a principal without a role with ForbiddenByRbac and the full message")
    func forbiddenByRBAC() throws {
        let emulator = try TestWorld.emulator()
        let imds = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net"))
        let token = try #require(try imds.jsonObject()["access_token"] as? String)

        let response = emulator.handle(TestWorld.vaultRequest(Self.read, token: token))
        let error = try response.vaultError()
        #expect(response.status == 403)
        #expect(error.code == "Forbidden")
        #expect(error.inner == "ForbiddenByRbac")
        let lines = error.message.components(separatedBy: "\r\n")
        #expect(lines.first == "Caller is not authorized to perform action on resource.")
        #expect(
            lines.contains(
                """
                Caller: appid=\(TestWorld.systemIdentityClientID);oid=\(TestWorld.systemIdentityObjectID);\
                iss=https://sts.windows.net/\(TestWorld.tenant)/
                """
            )
        )
        #expect(lines.contains("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'"))
        #expect(
            lines.contains(
                """
                Resource: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/rg-mid/providers/\
                microsoft.keyvault/vaults/kv-contoso/secrets/linux-root-ssh'
                """
            )
        )
        #expect(lines.contains("Assignment: (not found)"))
        #expect(lines.last == "Vault: kv-contoso;location=eastus")
    }

    @Test("a grant to the client ID counts as a grant to the principal")
    func grantByClientID() throws {
        let emulator = try TestWorld.emulator()
        let query =
            "api-version=2018-02-01&resource=https://vault.azure.net&client_id=\(TestWorld.userIdentityClientID)"
        let token = try #require(
            try emulator.handle(TestWorld.imdsRequest(query)).jsonObject()["access_token"] as? String
        )

        #expect(emulator.handle(TestWorld.vaultRequest(Self.read, token: token)).status == 200)
        let list = emulator.handle(TestWorld.vaultRequest("/secrets?api-version=7.4", token: token))
        #expect(list.status == 403)
        #expect(
            try list.vaultError().message.contains("Action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'")
        )
    }

    @Test("an access-policy vault refuses with AccessDenied naming the permission and the vault")
    func accessDenied() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let response = emulator.handle(
            TestWorld.vaultRequest(Self.read, token: token, host: "kv-policy.vault.azure.net")
        )
        let error = try response.vaultError()
        #expect(response.status == 403)
        #expect(error.inner == "AccessDenied")
        #expect(
            error.message
                == """
                The user, group or application 'appid=\(TestWorld.clientID);oid=\(TestWorld.objectID);\
                iss=https://sts.windows.net/\(TestWorld.tenant)/' does not have secrets get permission on key \
                vault 'kv-policy;location=westeurope'. For help resolving this issue, please see \
                https://go.microsoft.com/fwlink/?linkid=2125287
                """
        )
    }

    @Test("the firewall refuses before permissions are checked, naming the client address")
    func forbiddenByFirewall() throws {
        let emulator = try TestWorld.emulator()
        let imds = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net"))
        let ungranted = try #require(try imds.jsonObject()["access_token"] as? String)

        let response = emulator.handle(
            TestWorld.vaultRequest(
                Self.read,
                token: ungranted,
                host: "kv-locked.vault.azure.net",
                remoteAddress: "127.0.0.1:40000"
            )
        )
        let error = try response.vaultError()
        #expect(response.status == 403)
        #expect(error.inner == "ForbiddenByFirewall")
        let lines = error.message.components(separatedBy: "\r\n")
        #expect(lines.first == "Client address is not authorized and caller is not a trusted service.")
        #expect(lines.contains("Client address: 127.0.0.1"))
        #expect(lines.last == "Vault: kv-locked;location=eastus")
    }

    @Test("an address inside the allowed range passes the firewall")
    func firewallAllows() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        emulator.setClientAddress("203.0.113.10")

        let response = emulator.handle(
            TestWorld.vaultRequest(Self.read, token: token, host: "kv-locked.vault.azure.net")
        )
        #expect(response.status == 200)
        #expect(
            response.headers["x-ms-keyvault-network-info"]
                == "conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;"
        )
    }

    @Test("a disabled secret gets 403 SecretDisabled")
    func disabled() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let response = emulator.handle(TestWorld.vaultRequest("/secrets/disabled-secret?api-version=7.4", token: token))
        let error = try response.vaultError()
        #expect(response.status == 403)
        #expect(error.code == "Forbidden")
        #expect(error.inner == "SecretDisabled")
        #expect(error.message == "Operation get is not allowed on a disabled secret.")
    }

    @Test("a missing secret or version gets 404 SecretNotFound with the service's message")
    func notFound() throws {
        let recorded = try Recordings.entries("recordings/azure-sdk-for-go/azsecrets/TestSetGetSecret.json")
        #expect(recorded.contains { $0["StatusCode"] as? Int == 404 })
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let missing = try emulator.handle(
            TestWorld.vaultRequest("/secrets/linux-rootssh?api-version=7.4", token: token)
        ).vaultError()
        #expect(missing.code == "SecretNotFound")
        #expect(
            missing.message
                == """
                A secret with (name/id) linux-rootssh was not found in this key vault. If you recently deleted \
                this secret you may be able to recover it using the correct recovery command. For help \
                resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182
                """
        )

        let version = "00000000000000000000000000000000"
        let missingVersion = try emulator.handle(
            TestWorld.vaultRequest("/secrets/linux-root-ssh/\(version)?api-version=7.4", token: token)
        ).vaultError()
        #expect(missingVersion.message.hasPrefix("A secret with (name/id) linux-root-ssh/\(version) was not found"))
    }

    @Test("an invalid secret name gets 400 BadParameter naming it")
    func invalidName() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let response = emulator.handle(TestWorld.vaultRequest("/secrets/linux_root.ssh?api-version=7.4", token: token))
        let error = try response.vaultError()
        #expect(response.status == 400)
        #expect(error.code == "BadParameter")
        #expect(error.message == "The request URI contains an invalid name: linux_root.ssh")
    }

    @Test("a missing or unknown api-version gets 400 BadParameter")
    func apiVersion() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let missing = emulator.handle(TestWorld.vaultRequest("/secrets/linux-root-ssh", token: token))
        #expect(missing.status == 400)
        #expect(try missing.vaultError().code == "BadParameter")

        let unknown = try emulator.handle(
            TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=1.0", token: token)
        ).vaultError()
        #expect(unknown.message.hasPrefix("The specified version (1.0) is not recognized."))
    }

    @Test("an operation without the permission is refused even when the secret does not exist")
    func permissionBeforeExistence() throws {
        let emulator = try TestWorld.emulator()
        let imds = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net"))
        let ungranted = try #require(try imds.jsonObject()["access_token"] as? String)

        let response = emulator.handle(
            TestWorld.vaultRequest("/secrets/no-such-secret?api-version=7.4", token: ungranted)
        )
        #expect(response.status == 403)
        #expect(try response.vaultError().inner == "ForbiddenByRbac")
    }
}
