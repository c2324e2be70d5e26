import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport
import Testing

@Suite("Client secret token source")
struct ClientSecretTokenSourceTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let scope = "https://vault.azure.net/.default"

    let time = FakeTimeSource()
    let logs = MemoryLogHandler()

    func source(
        _ transport: ScriptedTransport,
        tenant: String = tenant,
        template: String? = nil
    ) -> ClientSecretTokenSource {
        ClientSecretTokenSource(
            tenantID: tenant,
            clientID: Self.client,
            clientSecret: Secret(Canary.clientSecret),
            tokenURLTemplate: template ?? ClientSecretTokenSource.publicCloudTokenURLTemplate,
            transport: transport,
            retry: RetryPolicy(maxAttempts: 4, jitter: 0, retryableStatuses: [429, 500, 502, 503, 504]),
            time: time,
            logger: Logger(label: "midkv.identity", handler: logs, minimumLevel: .trace)
        )
    }

    static func recordedReply(_ path: String) throws -> HTTPResponse {
        try #require(try RecordedExchange.testProxy(path).last { $0.uri.hasSuffix("/oauth2/v2.0/token") }).response
    }

    // MARK: - Success

    @Test("posts a strictly encoded client-credentials form and reads the recorded v2 token reply")
    func recordedSuccess() async throws {
        let reply = try Self.recordedReply(
            "recordings/azure-sdk-for-go/azidentity/TestClientSecretCredential_Live/default_options.json"
        )
        let transport = ScriptedTransport([.respond(reply)])

        let token = try await source(transport).token(for: Self.scope, deadline: time.deadline())

        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://login.microsoftonline.com/\(Self.tenant)/oauth2/v2.0/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["Accept"] == "application/json")
        #expect(
            request.bodyText
                == "grant_type=client_credentials&client_id=\(Self.client)"
                + "&client_secret=CANARY-secret~a%2Bb%2Fc%3Dd%26e%25f%20g"
                + "&scope=https%3A%2F%2Fvault.azure.net%2F.default"
        )
        #expect(request.formFields["client_secret"] == Canary.clientSecret)
        #expect(token.token.reveal() == "redacted")
        #expect(token.tokenType == "Bearer")
        #expect(token.expiresOn == time.date.addingTimeInterval(3599))
        #expect(!logs.transcript.contains(Canary.marker))
    }

    @Test(
        "expiry is read from expires_in as number or string, else from expires_on; refresh_in is kept",
        arguments: [
            (#"{"token_type":"Bearer","access_token":"t","expires_in":"3599"}"#, 3599.0, nil as Double?),
            (#"{"token_type":"Bearer","access_token":"t","expires_on":1764766800}"#, 3600.0, nil),
            (#"{"token_type":"Bearer","access_token":"t","expires_on":"1764766800"}"#, 3600.0, nil),
            (#"{"token_type":"Bearer","access_token":"t","expires_in":86399,"refresh_in":43199}"#, 86399.0, 43199.0),
        ]
    )
    func expiryForms(body: String, lifetime: Double, refreshIn: Double?) async throws {
        let transport = ScriptedTransport([.respond(.json(200, body))])

        let token = try await source(transport).token(for: Self.scope, deadline: time.deadline())

        #expect(token.expiresOn == time.date.addingTimeInterval(lifetime))
        #expect(token.refreshOn == refreshIn.map { time.date.addingTimeInterval($0) })
    }

    @Test("the description names app and tenant, never the secret")
    func description() {
        let source = source(ScriptedTransport())

        #expect(source.description == "client secret for app \(Self.client) in tenant \(Self.tenant)")
        #expect(!source.cacheKey.contains(Canary.marker))
        #expect(!String(reflecting: source).contains(Canary.marker))

        var dumped = ""
        dump(source, to: &dumped)
        #expect(dumped.contains(Self.client))
        #expect(!dumped.contains(Canary.marker))
    }

    // MARK: - Entra ID refusals

    @Test("the recorded AADSTS7000215 reply becomes identity.invalid-secret with trace and correlation IDs")
    func recordedInvalidSecret() async throws {
        let reply = try Self.recordedReply(
            "recordings/azure-sdk-for-go/azidentity/TestClientSecretCredential_InvalidSecretLive.json"
        )
        let transport = ScriptedTransport([.respond(reply)])

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .identityInvalidSecret)
        #expect(error.message == "Entra ID rejected the client secret of app \(Self.client) (AADSTS7000215)")
        #expect(error.evidence("HTTP status") == "401")
        #expect(error.evidence("service error") == "invalid_client")
        #expect(error.evidence("AADSTS code") == "AADSTS7000215")
        #expect(error.evidence("service message") == "AADSTS7000215: Invalid client secret is provided.")
        #expect(error.evidence("trace ID") == "6bb6aa70-c6cb-4705-a554-de618c90b600")
        #expect(error.evidence("correlation ID") == "9945f236-c0ab-4bb8-8a38-d8cb584cea28")
        #expect(error.cause?.contains("secret's ID") == true)
        #expect(error.fix.contains("Value"))
        #expect(transport.requests.count == 1)
        expectNoCanary(error, logs)
    }

    @Test(
        "each AADSTS family maps to its identity code",
        arguments: [
            (
                "invalid_client", 401, 7_000_222,
                "AADSTS7000222: The provided client secret keys for app '…' are expired.", "identity.secret-expired"
            ),
            (
                "unauthorized_client", 400, 700_016,
                "AADSTS700016: Application with identifier '…' was not found in the directory '…'.",
                "identity.app-not-found"
            ),
            ("invalid_tenant", 400, 90002, "AADSTS90002: Tenant '…' not found.", "identity.tenant-not-found"),
            (
                "invalid_request", 400, 900_023,
                "AADSTS900023: Specified tenant identifier '…' is neither a valid DNS name, nor a valid external domain.",
                "identity.tenant-not-found"
            ),
            (
                "invalid_request", 400, 900_021, "AADSTS900021: Requested tenant identifier '…' is not valid.",
                "identity.tenant-not-found"
            ),
            (
                "invalid_request", 400, 50059,
                "AADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials.",
                "identity.tenant-not-found"
            ),
            (
                "invalid_request", 400, 900_382,
                "AADSTS900382: Confidential Client is not supported in Cross Cloud request.", "identity.cross-cloud"
            ),
            (
                "invalid_resource", 400, 500_011,
                "AADSTS500011: The resource principal named https://vault.azure.net was not found in the tenant named contoso.",
                "identity.invalid-scope"
            ),
            (
                "invalid_scope", 400, 70011,
                "AADSTS70011: The provided value for the input parameter 'scope' is not valid.",
                "identity.invalid-scope"
            ),
            (
                "invalid_request", 400, 900_144,
                "AADSTS900144: The request body must contain the following parameter: 'client_id'.", "identity.failed"
            ),
        ]
    )
    func aadstsCodes(error oauthError: String, status: Int, number: Int, description: String, code: String) async throws
    {
        let body = """
            {"error":"\(oauthError)","error_description":"\(description)\\r\\nTrace ID: 0f7a\\r\\nCorrelation ID: 9c1d\\r\\nTimestamp: 2026-12-03 12:00:00Z",\
            "error_codes":[\(number)],"timestamp":"2026-12-03 12:00:00Z","trace_id":"0f7a","correlation_id":"9c1d"}
            """
        let transport = ScriptedTransport([.respond(.json(status, body))])

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code.rawValue == code)
        #expect(error.evidence("AADSTS code") == "AADSTS\(number)")
        #expect(error.evidence("service error") == oauthError)
        #expect(error.evidence("service message") == description)
        #expect(error.evidence("trace ID") == "0f7a")
        expectNoCanary(error, logs)
    }

    @Test("an AADSTS number found only in the description still classifies the error")
    func codeFromDescription() async throws {
        let body =
            #"{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys are expired."}"#
        let transport = ScriptedTransport([.respond(.json(401, body))])

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .identitySecretExpired)
    }

    @Test("a service message that echoes the secret is shown with the secret redacted")
    func echoedSecret() async throws {
        let description = "AADSTS7000215: Invalid client secret provided: \(Canary.clientSecret)."
        let body = try JSONSerialization.data(withJSONObject: [
            "error": "invalid_client", "error_description": description, "error_codes": [7_000_215],
        ])
        let transport = ScriptedTransport([.respond(HTTPResponse(status: 401, body: body))])

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.evidence("service message") == "AADSTS7000215: Invalid client secret provided: <redacted>.")
        expectNoCanary(error, logs)
    }

    @Test("a proxy's HTML page instead of Entra ID's JSON says so, with status and content type")
    func htmlReply() async throws {
        let transport = ScriptedTransport([.respond(.html(403, "<html>Access denied by policy</html>"))])

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .identityFailed)
        #expect(error.message == "The token endpoint answered HTTP 403 with a body that is not Entra ID's JSON")
        #expect(error.evidence("content type") == "text/html")
        #expect(transport.requests.count == 1)
    }

    @Test("transient 5xx answers are retried with backoff before the error is reported")
    func retriedServerErrors() async throws {
        let transport = ScriptedTransport(Array(repeating: .respond(.html(502)), count: 4))

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .identityFailed)
        #expect(error.evidence("attempts") == "4")
        #expect(time.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }

    @Test("a 200 without access_token is a failure, not a token")
    func missingToken() async throws {
        let transport = ScriptedTransport([.respond(.json(200, #"{"token_type":"Bearer","expires_in":3599}"#))])

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .identityFailed)
        #expect(error.message.contains("without a usable access_token"))
    }

    // MARK: - Local checks and the network

    @Test(
        "a tenant that could break the URL is refused before any request",
        arguments: [
            "", "null", "00000000-0000-0000-0000-000000000000", "contoso/../common", "tenant?x=1", "tenant id",
            "ténant",
        ]
    )
    func invalidTenant(tenant: String) async throws {
        let transport = ScriptedTransport()

        let error = try #require(
            await midkvError {
                try await source(transport, tenant: tenant).token(for: Self.scope, deadline: time.deadline())
            }
        )

        #expect(error.code == .identityTenantNotFound)
        #expect(transport.requests.isEmpty)
    }

    @Test("a domain name is an acceptable tenant")
    func domainTenant() async throws {
        let transport = ScriptedTransport([.respond(.json(200, #"{"access_token":"t","expires_in":60}"#))])

        _ = try await source(transport, tenant: "contoso.onmicrosoft.com").token(
            for: Self.scope,
            deadline: time.deadline()
        )

        #expect(transport.requests.first?.url.path == "/contoso.onmicrosoft.com/oauth2/v2.0/token")
    }

    @Test("a token URL template without %s is a configuration error")
    func badTemplate() async throws {
        let transport = ScriptedTransport()

        let error = try #require(
            await midkvError {
                try await source(transport, template: "https://login.microsoftonline.us/oauth2/v2.0/token").token(
                    for: Self.scope,
                    deadline: time.deadline()
                )
            }
        )

        #expect(error.code == .configInvalidValue)
        #expect(transport.requests.isEmpty)
    }

    @Test("an unresolvable login host is a network.dns error for the token endpoint")
    func dnsFailure() async throws {
        let failure = TransportError(
            kind: .dnsFailure,
            host: "login.microsoftonline.com",
            port: 443,
            curlCode: 6,
            detail: "Could not resolve host"
        )
        let transport = ScriptedTransport([.fail(failure)])

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .networkDNS)
        #expect(error.evidence("hop") == "the Entra ID token endpoint")
        #expect(transport.requests.count == 1)
        expectNoCanary(error, logs)
    }

    @Test("a deadline that has already passed sends nothing and reports the budget")
    func passedDeadline() async throws {
        let transport = ScriptedTransport()

        let error = try #require(
            await midkvError { try await source(transport).token(for: Self.scope, deadline: time.now) }
        )

        #expect(error.code == .vaultBudgetExceeded)
        #expect(transport.requests.isEmpty)
    }
}
