import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Entra ID token endpoint")
struct EmulatorEntraTests {
    /// One token request that must fail with an exact AADSTS answer.
    struct FailureCase: Sendable, CustomTestStringConvertible {
        var name: String
        var tenant: String = TestWorld.tenant
        var fields: [(String, String)]
        var host: String = "login.microsoftonline.com"
        var method: String = "POST"
        var code: Int
        var error: String
        var status: Int
        var messageFragment: String

        var testDescription: String { name }
    }

    static let failures: [FailureCase] = [
        FailureCase(
            name: "unknown tenant",
            tenant: "12345678-1234-1234-1234-123456789012",
            fields: TestWorld.clientCredentials(),
            code: 90_002,
            error: "invalid_tenant",
            status: 400,
            messageFragment: "Tenant '12345678-1234-1234-1234-123456789012' not found."
        ),
        FailureCase(
            name: "malformed tenant",
            tenant: "null",
            fields: TestWorld.clientCredentials(),
            code: 900_023,
            error: "invalid_request",
            status: 400,
            messageFragment: "Specified tenant identifier 'null' is neither a valid DNS name"
        ),
        FailureCase(
            name: "all-zero tenant",
            tenant: "00000000-0000-0000-0000-000000000000",
            fields: TestWorld.clientCredentials(),
            code: 900_021,
            error: "invalid_request",
            status: 400,
            messageFragment: "Tenant identifiers may not be an empty GUID."
        ),
        FailureCase(
            name: "app from another tenant",
            fields: TestWorld.clientCredentials(clientID: TestWorld.otherClientID, secret: TestWorld.otherClientSecret),
            code: 700_016,
            error: "unauthorized_client",
            status: 400,
            messageFragment:
                "Application with identifier '\(TestWorld.otherClientID)' was not found in the directory 'Contoso'."
        ),
        FailureCase(
            name: "wrong client secret",
            fields: TestWorld.clientCredentials(secret: "9f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"),
            code: 7_000_215,
            error: "invalid_client",
            status: 401,
            messageFragment: "Invalid client secret provided."
        ),
        FailureCase(
            name: "expired client secret",
            fields: TestWorld.clientCredentials(
                clientID: TestWorld.expiredClientID,
                secret: TestWorld.expiredClientSecret
            ),
            code: 7_000_222,
            error: "invalid_client",
            status: 401,
            messageFragment: "The provided client secret keys for app '\(TestWorld.expiredClientID)' are expired."
        ),
        FailureCase(
            name: "missing client_id",
            fields: [
                ("grant_type", "client_credentials"), ("client_secret", "x"),
                ("scope", "https://vault.azure.net/.default"),
            ],
            code: 900_144,
            error: "invalid_request",
            status: 400,
            messageFragment: "The request body must contain the following parameter: 'client_id'."
        ),
        FailureCase(
            name: "missing scope",
            fields: [("grant_type", "client_credentials"), ("client_id", TestWorld.clientID), ("client_secret", "x")],
            code: 900_144,
            error: "invalid_request",
            status: 400,
            messageFragment: "The request body must contain the following parameter: 'scope'."
        ),
        FailureCase(
            name: "missing client_secret",
            fields: [
                ("grant_type", "client_credentials"), ("client_id", TestWorld.clientID),
                ("scope", "https://vault.azure.net/.default"),
            ],
            code: 7_000_218,
            error: "invalid_client",
            status: 401,
            messageFragment: "'client_assertion' or 'client_secret'"
        ),
        FailureCase(
            name: "unsupported grant",
            fields: [("grant_type", "password"), ("client_id", TestWorld.clientID)],
            code: 70_003,
            error: "unsupported_grant_type",
            status: 400,
            messageFragment: "unsupported grant type 'password'"
        ),
        FailureCase(
            name: "unknown resource",
            fields: TestWorld.clientCredentials(scope: "https://api.contoso.example/.default"),
            code: 500_011,
            error: "invalid_resource",
            status: 400,
            messageFragment:
                "The resource principal named https://api.contoso.example was not found in the tenant named Contoso."
        ),
        FailureCase(
            name: "scope from another cloud",
            fields: TestWorld.clientCredentials(scope: "https://vault.usgovcloudapi.net/.default"),
            code: 900_382,
            error: "invalid_request",
            status: 400,
            messageFragment: "Confidential Client is not supported in Cross Cloud request."
        ),
        FailureCase(
            name: "scope without /.default",
            fields: TestWorld.clientCredentials(scope: "https://vault.azure.net"),
            code: 70_011,
            error: "invalid_scope",
            status: 400,
            messageFragment: "The scope https://vault.azure.net is not valid."
        ),
        FailureCase(
            name: "GET instead of POST",
            fields: [],
            method: "GET",
            code: 900_561,
            error: "invalid_request",
            status: 400,
            messageFragment: "Received a GET request."
        ),
    ]

    @Test("each failing token request gets its exact AADSTS code, OAuth error and status", arguments: failures)
    func failure(_ failure: FailureCase) throws {
        let emulator = try TestWorld.emulator()
        let request = TestWorld.tokenRequest(
            tenant: failure.tenant,
            fields: failure.fields,
            host: failure.host,
            method: failure.method
        )
        let response = emulator.handle(request)
        let body = try response.jsonObject()

        #expect(response.status == failure.status)
        #expect(body["error"] as? String == failure.error)
        #expect(body["error_codes"] as? [Int] == [failure.code])
        let description = try #require(body["error_description"] as? String)
        #expect(description.hasPrefix("AADSTS\(failure.code): "))
        #expect(description.contains(failure.messageFragment))
        #expect(body["error_uri"] as? String == "https://login.microsoftonline.com/error?code=\(failure.code)")
    }

    @Test("an error body has the recorded keys and the Trace ID, Correlation ID and Timestamp lines")
    func errorShape() throws {
        let recorded = try Recordings.entries(
            "recordings/azure-sdk-for-go/azidentity/TestClientSecretCredential_InvalidSecretLive.json"
        )[2]
        let recordedBody = try #require(recorded["ResponseBody"] as? [String: Any])
        let emulator = try TestWorld.emulator()
        let request = TestWorld.tokenRequest(
            fields: TestWorld.clientCredentials(secret: "wrong"),
            headers: [("client-request-id", "9945f236-c0ab-4bb8-8a38-d8cb584cea28")]
        )

        let response = emulator.handle(request)
        let body = try response.jsonObject()
        #expect(response.status == recorded["StatusCode"] as? Int)
        #expect(body.keySet == recordedBody.keySet)
        #expect(body["error"] as? String == recordedBody["error"] as? String)
        #expect(body["correlation_id"] as? String == "9945f236-c0ab-4bb8-8a38-d8cb584cea28")

        let traceID = try #require(body["trace_id"] as? String)
        let timestamp = try #require(body["timestamp"] as? String)
        let lines = try #require(body["error_description"] as? String).components(separatedBy: "\r\n")
        #expect(
            lines.dropFirst() == [
                "Trace ID: \(traceID)", "Correlation ID: 9945f236-c0ab-4bb8-8a38-d8cb584cea28",
                "Timestamp: \(timestamp)",
            ]
        )
        #expect(timestamp.wholeMatch(of: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/) != nil)
        #expect(response.headers["Cache-Control"] == "no-store, no-cache")
    }

    @Test("a v2 token answer has exactly the recorded keys, with numbers for the lifetimes")
    func successShape() throws {
        let recorded = try Recordings.entries(
            "recordings/azure-sdk-for-go/azidentity/TestClientSecretCredential_Live/default_options.json"
        )[2]
        let recordedBody = try #require(recorded["ResponseBody"] as? [String: Any])
        let emulator = try TestWorld.emulator()

        let response = emulator.handle(TestWorld.tokenRequest(fields: TestWorld.clientCredentials()))
        let body = try response.jsonObject()
        #expect(response.status == 200)
        #expect(body.keySet == recordedBody.keySet)
        #expect(body["token_type"] as? String == "Bearer")
        #expect(body["expires_in"] as? Int == 3599)
        #expect(body["ext_expires_in"] as? Int == 3599)
        #expect(
            response.text.hasPrefix(#"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":""#)
        )
    }

    @Test("the token carries audience, issuer, tenant, object ID, app ID and lifetime claims")
    func claims() throws {
        let clock = ManualClock()
        let emulator = try TestWorld.emulator(clock: .manual(clock))
        let token = try emulator.token()
        let claims = try #require(emulator.claims(ofToken: token))
        let now = Int(clock.now.timeIntervalSince1970)

        #expect(claims.audience == "https://vault.azure.net")
        #expect(claims.issuer == "https://sts.windows.net/\(TestWorld.tenant)/")
        #expect(claims.tenantID == TestWorld.tenant)
        #expect(claims.objectID == TestWorld.objectID)
        #expect(claims.appID == TestWorld.clientID)
        #expect(claims.identityType == "app")
        #expect(claims.expires == now + 3599)
        #expect(claims.issuedAt <= now && claims.notBefore <= now)
        #expect(token.split(separator: ".").count == 3)
    }

    @Test("the tenant may be named by a domain, and the v1 endpoint answers with string fields")
    func domainTenantAndVersion1() throws {
        let emulator = try TestWorld.emulator()
        let fields = [
            ("grant_type", "client_credentials"), ("client_id", TestWorld.clientID),
            ("client_secret", TestWorld.clientSecret), ("resource", "https://vault.azure.net"),
        ]
        let request = TestWorld.tokenRequest(fields: fields, path: "/contoso.onmicrosoft.com/oauth2/token")

        let response = emulator.handle(request)
        let body = try response.jsonObject()
        #expect(response.status == 200)
        #expect(
            body.keySet
                == [
                    "token_type", "expires_in", "ext_expires_in", "expires_on", "not_before", "resource",
                    "access_token",
                ]
        )
        #expect(body["expires_in"] as? String == "3599")
        #expect(body["resource"] as? String == "https://vault.azure.net")
    }

    @Test("a US Government login host issues tokens for US Government vaults")
    func sovereignCloud() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token(
            scope: "https://vault.usgovcloudapi.net/.default",
            host: "login.microsoftonline.us"
        )
        let claims = try #require(emulator.claims(ofToken: token))

        #expect(claims.audience == "https://vault.usgovcloudapi.net")
        #expect(claims.issuer == "https://login.microsoftonline.us/\(TestWorld.tenant)/")
    }

    @Test("OpenID configuration has the recorded keys and the tenant's endpoints; an unknown tenant gets 90002")
    func openIDConfiguration() throws {
        let recorded = try Recordings.entries(
            "recordings/azure-sdk-for-go/azidentity/TestClientSecretCredential_Live/default_options.json"
        )[1]
        let recordedBody = try #require(recorded["ResponseBody"] as? [String: Any])
        let emulator = try TestWorld.emulator()
        let request = HTTPServerRequest(
            method: "GET",
            target: "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
            headers: HTTPHeaders([("Host", "login.microsoftonline.com")])
        )

        let body = try emulator.handle(request).jsonObject()
        #expect(body.keySet == recordedBody.keySet)
        for key in ["userinfo_endpoint", "cloud_graph_host_name", "msgraph_host", "rbac_url", "cloud_instance_name"] {
            #expect(body[key] as? String == recordedBody[key] as? String, "\(key)")
        }
        #expect(
            body["token_endpoint"] as? String
                == "https://login.microsoftonline.com/\(TestWorld.tenant)/oauth2/v2.0/token"
        )
        #expect(body["issuer"] as? String == "https://login.microsoftonline.com/\(TestWorld.tenant)/v2.0")

        var unknown = request
        unknown.path = "/12345678-1234-1234-1234-123456789012/v2.0/.well-known/openid-configuration"
        let failure = emulator.handle(unknown)
        #expect(failure.status == 400)
        #expect(try failure.jsonObject()["error_codes"] as? [Int] == [90_002])
    }

    @Test("instance discovery answers with the recorded alias table and the tenant's discovery endpoint")
    func instanceDiscovery() throws {
        let recorded = try Recordings.entries(
            "recordings/azure-sdk-for-go/azidentity/TestClientSecretCredential_Live/default_options.json"
        )[0]
        let recordedBody = try #require(recorded["ResponseBody"] as? [String: Any])
        let emulator = try TestWorld.emulator()
        let endpoint = "https%3A%2F%2Flogin.microsoftonline.com%2F\(TestWorld.tenant)%2Foauth2%2Fv2.0%2Fauthorize"
        let request = HTTPServerRequest(
            method: "GET",
            target: "/common/discovery/instance?api-version=1.1&authorization_endpoint=\(endpoint)",
            headers: HTTPHeaders([("Host", "login.microsoftonline.com")])
        )

        let body = try emulator.handle(request).jsonObject()
        #expect(body.keySet == recordedBody.keySet)
        #expect(
            NSArray(array: try #require(body["metadata"] as? [Any]))
                == NSArray(array: try #require(recordedBody["metadata"] as? [Any]))
        )
        #expect(
            body["tenant_discovery_endpoint"] as? String
                == "https://login.microsoftonline.com/\(TestWorld.tenant)/v2.0/.well-known/openid-configuration"
        )
    }
}
