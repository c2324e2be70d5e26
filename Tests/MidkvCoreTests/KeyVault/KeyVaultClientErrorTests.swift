import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport
import Testing

@Suite("Key Vault client: failures explained")
struct KeyVaultClientErrorTests {
    static let tenantA = "11111111-2222-3333-4444-555555555555"
    static let tenantB = "72f988bf-86f1-41af-91ab-2d7cd011db47"

    func failing(
        _ step: ScriptedTransport.Step,
        retry: RetryPolicy = .none
    ) async throws -> (MidkvError, KeyVaultTestBench) {
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, step], retry: retry)
        let error = try #require(await midkvError { try await bench.get() })
        expectNoCanary(error, bench.logs)
        return (error, bench)
    }

    @Test("the recorded SecretNotFound reply names the vault asked and the secret")
    func recordedNotFound() async throws {
        let recorded = try RecordedExchange.cppRecording(
            "recordings/azure-sdk-for-cpp/keyvault-secrets/KeyVaultSecretClientTest.Recover.json"
        )
        let notFound = try #require(recorded.first { $0.status == 404 && $0.uri.contains("/secrets/Recover?") })
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, .respond(notFound.response)])

        let error = try #require(
            await midkvError {
                try await bench.client.getSecret(
                    vault: URL(string: "https://REDACTED.vault.azure.net")!,
                    name: "Recover",
                    deadline: bench.time.deadline()
                )
            }
        )

        #expect(error.code == .vaultSecretNotFound)
        #expect(error.message == "Vault redacted (redacted.vault.azure.net) has no secret named Recover")
        #expect(error.evidence("service code") == "SecretNotFound")
        #expect(error.evidence("HTTP status") == "404")
        #expect(error.evidence("request ID (x-ms-request-id)") != nil)
        #expect(
            error.evidence("service message")?.hasPrefix(
                "A secret with (name/id) Recover was not found in this key vault."
            ) == true
        )
        #expect(error.cause?.contains("deleted") == true)
        expectNoCanary(error)
    }

    @Test("a missing version names name/version")
    func versionNotFound() async throws {
        let step = KeyVaultTestBench.failure(
            404,
            code: "SecretNotFound",
            message: "A secret with (name/id) linux-root-ssh/0000 was not found in this key vault."
        )
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge, step])

        let error = try #require(await midkvError { try await bench.get(version: "00000000000000000000000000000000") })

        #expect(error.message.hasSuffix("has no secret named linux-root-ssh/00000000000000000000000000000000"))
    }

    @Test("403 ForbiddenByRbac names the principal from the token and the role to grant")
    func rbac() async throws {
        let message = """
            Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role \
            definitions were changed recently, please observe propagation time.\r\nCaller: appid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee;\
            oid=0a0b0c0d-1111-2222-3333-444455556666;iss=https://sts.windows.net/\(Self.tenantA)/\r\n\
            Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '/subscriptions/0000/resourcegroups/rg/\
            providers/microsoft.keyvault/vaults/kv-contoso-disc/secrets/linux-root-ssh'\r\nAssignment: (not found)\r\n\
            DenyAssignmentId: null\r\nDecisionReason: null \r\nVault: kv-contoso-disc;location=eastus\r\n
            """
        let (error, _) = try await failing(
            KeyVaultTestBench.failure(403, code: "Forbidden", message: message, inner: "ForbiddenByRbac")
        )

        #expect(error.code == .vaultForbiddenRBAC)
        #expect(error.evidence("principal app ID") == "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        #expect(error.evidence("principal object ID") == "0a0b0c0d-1111-2222-3333-444455556666")
        #expect(error.evidence("action") == "'Microsoft.KeyVault/vaults/secrets/getSecret/action'")
        #expect(error.evidence("inner code") == "ForbiddenByRbac")
        #expect(error.fix.contains(#""Key Vault Secrets User" on vault kv-contoso-disc"#))
        #expect(error.fix.contains("app ID aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"))
    }

    @Test("403 AccessDenied asks for a Get secret permission in an access policy")
    func accessPolicy() async throws {
        let message = """
            The user, group or application 'appid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee;oid=0a0b0c0d-1111-2222-3333-444455556666;\
            iss=https://sts.windows.net/\(Self.tenantA)/' does not have secrets get permission on key vault \
            'kv-contoso-disc;location=eastus'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287
            """
        let (error, _) = try await failing(
            KeyVaultTestBench.failure(403, code: "Forbidden", message: message, inner: "AccessDenied")
        )

        #expect(error.code == .vaultForbiddenAccessPolicy)
        #expect(error.message.contains("the secret permission Get"))
        #expect(error.fix.contains("Access policies"))
    }

    @Test("403 ForbiddenByFirewall names the client address as the vault sees it")
    func firewall() async throws {
        let message = """
            Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.10\r\n\
            Caller: appid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee;oid=0a0b0c0d-1111-2222-3333-444455556666\r\nVault: kv-contoso-disc;location=eastus
            """
        let step = KeyVaultTestBench.failure(
            403,
            code: "Forbidden",
            message: message,
            inner: "ForbiddenByFirewall",
            headers: [("x-ms-keyvault-network-info", "conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;")]
        )
        let (error, _) = try await failing(step)

        #expect(error.code == .vaultForbiddenFirewall)
        #expect(error.message == "The firewall of vault kv-contoso-disc rejected the client address 203.0.113.10")
        #expect(error.evidence("client address") == "203.0.113.10")
        #expect(error.evidence("client address seen by the vault") == "203.0.113.10")
        #expect(error.cause?.contains("NAT gateway or proxy") == true)
        #expect(error.fix.contains("Add 203.0.113.10"))
    }

    @Test("a firewall refusal on one line, without an inner code, is still recognised")
    func firewallOneLine() async throws {
        let message =
            "Client address is not authorized and caller is not a trusted service. Client address: 203.0.113.10 Caller: appid=x"
        let (error, _) = try await failing(KeyVaultTestBench.failure(403, code: "Forbidden", message: message))

        #expect(error.code == .vaultForbiddenFirewall)
        #expect(error.evidence("client address") == "203.0.113.10")
    }

    @Test("403 SecretDisabled says it is not a permission problem")
    func disabled() async throws {
        let step = KeyVaultTestBench.failure(
            403,
            code: "Forbidden",
            message: "Operation get is not allowed on a disabled secret.",
            inner: "SecretDisabled"
        )
        let (error, _) = try await failing(step)

        #expect(error.code == .vaultSecretDisabled)
        #expect(error.cause?.contains("not a permission problem") == true)
    }

    @Test("401 AKV10032 names the vault's tenant from its challenge and the token's tenant")
    func wrongTenant() async throws {
        let message =
            "AKV10032: Invalid issuer. Expected one of https://sts.windows.net/\(Self.tenantB)/, found https://sts.windows.net/\(Self.tenantA)/."
        let (error, _) = try await failing(KeyVaultTestBench.failure(401, code: "Unauthorized", message: message))

        #expect(error.code == .vaultWrongTenant)
        #expect(error.evidence("vault tenant") == Self.tenantB)
        #expect(error.evidence("token tenant") == Self.tenantA)
        #expect(
            error.message
                == "The token comes from tenant \(Self.tenantA), but vault kv-contoso-disc belongs to tenant \(Self.tenantB)"
        )
    }

    @Test("401 AKV10022 names the expected and the token's audience")
    func wrongAudience() async throws {
        let message =
            "AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/."
        let tokens = StubTokenSource([
            .success(StubTokenSource.token(TestJWT.make(claims: ["aud": "https://management.azure.com/"])))
        ])
        let bench = KeyVaultTestBench(
            [KeyVaultTestBench.challenge, KeyVaultTestBench.failure(401, code: "Unauthorized", message: message)],
            tokens: tokens
        )

        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .vaultWrongAudience)
        #expect(error.evidence("expected audience") == "https://vault.azure.net")
        #expect(error.evidence("token audience") == "https://management.azure.com/")
    }

    @Test("other 401s are vault.unauthorized with the service message")
    func unauthorized() async throws {
        let step = KeyVaultTestBench.failure(
            401,
            code: "Unauthorized",
            message: "[TokenExpired] Error validating token: 'S2S12086'."
        )
        let (error, _) = try await failing(step)

        #expect(error.code == .vaultUnauthorized)
        #expect(error.evidence("service message") == "[TokenExpired] Error validating token: 'S2S12086'.")
        #expect(error.evidence("token tenant (tid)") == Self.tenantA)
    }

    @Test("400 BadParameter is vault.bad-request")
    func badRequest() async throws {
        let step = KeyVaultTestBench.failure(
            400,
            code: "BadParameter",
            message: "The specified version (9.9) is not recognized. Consider using the latest supported version (7.6)."
        )
        let (error, _) = try await failing(step)

        #expect(error.code == .vaultBadRequest)
        #expect(error.evidence("API version") == "7.4")
    }

    @Test(
        "an HTML 401, 403 or 404 is reported as not coming from Key Vault",
        arguments: [401, 403, 404]
    )
    func foreign(status: Int) async throws {
        let (error, _) = try await failing(.respond(.html(status, "<html>Blocked by Contoso web filter</html>")))

        #expect(error.code == .vaultFailed)
        #expect(error.message.contains("with a body that is not Key Vault's (text/html)"))
    }

    @Test("an HTML answer to the very first request is reported without any token being fetched")
    func foreignProbe() async throws {
        let bench = KeyVaultTestBench([.respond(.html(403))])

        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .vaultFailed)
        #expect(bench.tokens.calls.isEmpty)
    }

    @Test("a 200 that is not a secret bundle is vault.failed, without the body in the error")
    func unexpectedSuccess() async throws {
        let (error, _) = try await failing(.respond(.json(200, #"{"note":"CANARY-not-a-bundle"}"#)))

        #expect(error.code == .vaultFailed)
    }

    @Test(
        "names Key Vault cannot hold are refused before any request",
        arguments: ["linux_root.ssh", "linux root ssh", "../secrets", "", String(repeating: "a", count: 128)]
    )
    func invalidName(name: String) async throws {
        let bench = KeyVaultTestBench()

        let error = try #require(await midkvError { try await bench.get(name) })

        #expect(error.code == .credentialIDInvalidName)
        #expect(bench.transport.requests.isEmpty)
    }

    @Test("plain HTTP to a vault that is not loopback is refused before any request")
    func insecure() async throws {
        let bench = KeyVaultTestBench()

        let error = try #require(
            await midkvError {
                try await bench.client.getSecret(
                    vault: URL(string: "http://kv-contoso-disc.vault.azure.net")!,
                    name: "db",
                    deadline: bench.time.deadline()
                )
            }
        )

        #expect(error.code == .networkInsecureURL)
        #expect(bench.transport.requests.isEmpty)
    }

    @Test("a token failure surfaces as the identity error, after the challenge")
    func tokenFailure() async throws {
        let failure = MidkvError(.identityInvalidSecret, "Entra ID rejected the client secret", fix: "paste the Value")
        let bench = KeyVaultTestBench([KeyVaultTestBench.challenge], tokens: StubTokenSource([.failure(failure)]))

        let error = try #require(await midkvError { try await bench.get() })

        #expect(error.code == .identityInvalidSecret)
        #expect(bench.transport.requests.count == 1)
    }
}
