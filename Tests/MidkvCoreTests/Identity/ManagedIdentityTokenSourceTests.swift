import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport
import Testing

@Suite("Managed identity token source")
struct ManagedIdentityTokenSourceTests {
    static let imds = URL(string: "http://127.0.0.1:40001")!
    static let appService = URL(string: "http://127.0.0.1:41000/msi/token")!
    static let scope = "https://vault.azure.net/.default"
    static let pythonRecordings = "recordings/azure-sdk-for-python/identity/"

    let time = FakeTimeSource()
    let logs = MemoryLogHandler()

    func imdsSource(_ transport: ScriptedTransport, clientID: String? = nil) -> ManagedIdentityTokenSource {
        ManagedIdentityTokenSource(
            clientID: clientID,
            imdsEndpoint: Self.imds,
            transport: transport,
            retry: RetryPolicy(maxAttempts: 5, jitter: 0, retryableStatuses: Set([404, 410, 429]).union(500...599)),
            time: time,
            logger: Logger(label: "midkv.identity", handler: logs, minimumLevel: .trace)
        )
    }

    func appServiceSource(_ transport: ScriptedTransport, clientID: String? = nil) -> ManagedIdentityTokenSource {
        ManagedIdentityTokenSource(
            clientID: clientID,
            identityEndpoint: Self.appService,
            identityHeader: Secret(Canary.identityHeader),
            transport: transport,
            time: time,
            logger: Logger(label: "midkv.identity", handler: logs, minimumLevel: .trace)
        )
    }

    func token(_ source: ManagedIdentityTokenSource) async throws -> AccessToken {
        try await source.token(for: Self.scope, deadline: time.deadline())
    }

    // MARK: - IMDS

    @Test("asks IMDS with Metadata: true, no proxy, a 1 s connect time-out, and reads the recorded reply")
    func imdsRecorded() async throws {
        let recorded = try RecordedExchange.testProxy(
            Self.pythonRecordings + "test_imds_credential.pyTestImdstest_system_assigned.json"
        )
        let transport = ScriptedTransport([.respond(recorded[1].response)])

        let token = try await token(imdsSource(transport))

        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(
            request.url.absoluteString
                == "http://127.0.0.1:40001/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net"
        )
        #expect(request.headers["Metadata"] == "true")
        #expect(recorded[1].requestHeaders["Metadata"] == "true")
        #expect(request.proxyUse == .never)
        #expect(request.connectTimeout == .seconds(1))
        #expect(request.body == nil)
        #expect(token.token.reveal() == "access_token")
        #expect(token.expiresOn == time.date.addingTimeInterval(86311))
    }

    @Test("a user-assigned identity adds client_id; the recorded YAML reply is read")
    func userAssigned() async throws {
        let recorded = try VCRCassette.read(Self.pythonRecordings + "test_imds_credential.test_user_assigned.yaml")
        #expect(recorded.map(\.status) == [400, 200])
        #expect(recorded[1].requestHeaders["Metadata"] == "true")
        let transport = ScriptedTransport([.respond(recorded[1].response)])

        let token = try await token(imdsSource(transport, clientID: "client-id"))

        let request = try #require(transport.requests.first)
        #expect(request.query["client_id"] == "client-id")
        #expect(request.query["resource"] == "https://vault.azure.net")
        #expect(request.query["api-version"] == "2018-02-01")
        #expect(token.expiresOn == time.date.addingTimeInterval(86400))
    }

    @Test("the default endpoint is IMDS's link-local address")
    func defaultEndpoint() {
        let source = ManagedIdentityTokenSource(transport: ScriptedTransport())

        #expect(source.endpoint == .imds(URL(string: "http://169.254.169.254")!))
        #expect(
            source.requestURL(resource: "https://vault.azure.net").absoluteString
                == "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net"
        )
        #expect(source.description == "system-assigned managed identity via IMDS")
    }

    @Test("400 Identity not found means the VM has no matching identity")
    func identityNotFound() async throws {
        let body = #"{"error":"invalid_request","error_description":"Identity not found"}"#
        let transport = ScriptedTransport([.respond(.json(400, body, headers: [("Server", "IMDS/150.870.65.1325")]))])

        let error = try #require(
            await midkvError {
                try await token(imdsSource(transport, clientID: "6d807b1c-2a6f-41a0-b428-d0e3a08382a0"))
            }
        )

        #expect(error.code == .identityNoManagedIdentity)
        #expect(error.message.contains("no user-assigned identity with client ID 6d807b1c-2a6f-41a0-b428-d0e3a08382a0"))
        #expect(error.evidence("service message") == "Identity not found")
        #expect(error.evidence("server") == "IMDS/150.870.65.1325")
        #expect(transport.requests.count == 1)
    }

    @Test(
        "the recorded 400 for a missing Metadata header says the header did not arrive",
        arguments: ["json", "yaml"]
    )
    func metadataHeaderMissing(format: String) async throws {
        let recorded =
            format == "json"
            ? try RecordedExchange.testProxy(
                Self.pythonRecordings + "test_imds_credential.pyTestImdstest_system_assigned.json"
            )
            : try VCRCassette.read(Self.pythonRecordings + "test_imds_credential.test_user_assigned.yaml")
        let transport = ScriptedTransport([.respond(recorded[0].response)])

        let error = try #require(await midkvError { try await token(imdsSource(transport)) })

        #expect(error.code == .identityFailed)
        #expect(error.message == "IMDS did not receive the Metadata header that midkv sent")
        #expect(error.evidence("service message") == "Required metadata header not specified")
        #expect(error.evidence("HTTP status") == "400")
    }

    @Test(
        "nothing answering at IMDS is reported at once as not an Azure VM",
        arguments: [TransportError.Kind.connectionRefused, .connectTimeout]
    )
    func unreachable(kind: TransportError.Kind) async throws {
        let transport = ScriptedTransport([
            .fail(TransportError(kind: kind, host: "127.0.0.1", port: 40001, detail: "no IMDS"))
        ])

        let error = try #require(await midkvError { try await token(imdsSource(transport)) })

        #expect(error.code == .networkIMDSUnreachable)
        #expect(transport.requests.count == 1)
        #expect(time.sleeps.isEmpty)
    }

    @Test("a proxy's 502 page instead of IMDS JSON is network.imds-proxied, without retries")
    func proxied() async throws {
        let transport = ScriptedTransport([.respond(.html(502, "<html><h1>502 Bad Gateway</h1>squid</html>"))])

        let error = try #require(await midkvError { try await token(imdsSource(transport)) })

        #expect(error.code == .networkIMDSProxied)
        #expect(error.evidence("content type") == "text/html")
        #expect(error.fix.contains("NO_PROXY"))
        #expect(transport.requests.count == 1)
    }

    @Test("a local proxy answering 403 'unreachable' for the IMDS address means IMDS is absent")
    func dockerDesktop() async throws {
        let transport = ScriptedTransport([
            .respond(
                HTTPResponse(
                    status: 403,
                    body: Data(
                        "connecting to 169.254.169.254:80: connecting to 169.254.169.254:80: dial tcp 169.254.169.254:80: connectex: A socket operation was attempted to an unreachable network."
                            .utf8
                    )
                )
            )
        ])

        let error = try #require(await midkvError { try await token(imdsSource(transport)) })

        #expect(error.code == .networkIMDSUnreachable)
    }

    @Test("IMDS 404, 410, 429 and 5xx answers are retried with backoff; Retry-After wins")
    func retries() async throws {
        let transport = ScriptedTransport([
            .respond(.json(404, #"{"error":"not_found","error_description":"Not found"}"#)),
            .respond(.json(410, #"{"error":"gone","error_description":"IMDS is updating"}"#)),
            .respond(
                .json(
                    429,
                    #"{"error":"too_many_requests","error_description":"Too many requests"}"#,
                    headers: [("Retry-After", "5")]
                )
            ),
            .respond(.json(500, #"{"error":"server_error","error_description":"Server error"}"#)),
            .respond(
                .json(200, #"{"access_token":"t","expires_in":"3599","expires_on":"1764766799","token_type":"Bearer"}"#)
            ),
        ])

        let token = try await token(imdsSource(transport))

        #expect(token.token.reveal() == "t")
        #expect(transport.requests.count == 5)
        #expect(time.sleeps == [.seconds(1), .seconds(2), .seconds(5), .seconds(8)])
    }

    @Test("IMDS 5xx that outlast the attempts become identity.failed with the attempt count")
    func exhausted() async throws {
        let reply = HTTPResponse.json(503, #"{"error":"server_error","error_description":"Server error"}"#)
        let transport = ScriptedTransport(Array(repeating: .respond(reply), count: 5))

        let error = try #require(await midkvError { try await token(imdsSource(transport)) })

        #expect(error.code == .identityFailed)
        #expect(error.evidence("attempts") == "5")
        #expect(error.evidence("service error") == "server_error")
    }

    // MARK: - App Service

    @Test(
        "App Service form: IDENTITY_ENDPOINT with api-version 2019-08-01 and X-IDENTITY-HEADER; date-string expires_on"
    )
    func appServiceRecorded() async throws {
        let recorded = try VCRCassette.read(Self.pythonRecordings + "test_app_service.test_system_assigned.yaml")
        let transport = ScriptedTransport([.respond(try #require(recorded.first).response)])

        let token = try await token(appServiceSource(transport))

        let request = try #require(transport.requests.first)
        #expect(
            request.url.absoluteString
                == "http://127.0.0.1:41000/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fvault.azure.net"
        )
        #expect(request.headers["X-IDENTITY-HEADER"] == Canary.identityHeader)
        #expect(request.headers["Metadata"] == nil)
        #expect(request.proxyUse == .never)
        #expect(token.expiresOn == Date(timeIntervalSince1970: 1_621_703_673))
        #expect(token.token.reveal() == "redacted")
        #expect(!logs.transcript.contains(Canary.marker))
    }

    @Test(
        "App Service expires_on is accepted as Unix seconds or as a date string",
        arguments: [
            (#""expires_on":1764766800"#, 1_764_766_800.0),
            (#""expires_on":"1764766800""#, 1_764_766_800.0),
            (#""expires_on":"12/03/2025 13:00:00 +00:00""#, 1_764_766_800.0),
            (#""expires_on":"2025-12-03 13:00:00""#, 1_764_766_800.0),
            (#""expires_on":"2025-12-03T13:00:00Z""#, 1_764_766_800.0),
        ]
    )
    func appServiceExpiry(field: String, seconds: Double) async throws {
        let body = #"{"access_token":"t","# + field + #","resource":"https://vault.azure.net","token_type":"Bearer"}"#
        let transport = ScriptedTransport([.respond(.json(200, body))])

        let token = try await token(appServiceSource(transport, clientID: "6d807b1c-2a6f-41a0-b428-d0e3a08382a0"))

        #expect(token.expiresOn == Date(timeIntervalSince1970: seconds))
        #expect(transport.requests.first?.query["client_id"] == "6d807b1c-2a6f-41a0-b428-d0e3a08382a0")
    }

    @Test("App Service errors never show the identity header")
    func appServiceError() async throws {
        let body = #"{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"7f1b"}"#
        let transport = ScriptedTransport([.respond(.json(400, body))])

        let error = try #require(await midkvError { try await token(appServiceSource(transport)) })

        #expect(error.code == .identityNoManagedIdentity)
        #expect(error.evidence("service message") == "Unable to load the proper Managed Identity.")
        expectNoCanary(error, logs)
    }

    @Test("a refused App Service endpoint is a refusal on that hop, not an absent IMDS")
    func appServiceRefused() async throws {
        let transport = ScriptedTransport([
            .fail(TransportError(kind: .connectionRefused, host: "127.0.0.1", port: 41000, detail: "refused"))
        ])

        let error = try #require(await midkvError { try await token(appServiceSource(transport)) })

        #expect(error.code == .networkRefused)
        #expect(error.evidence("hop") == "the App Service managed identity endpoint")
        expectNoCanary(error, logs)
    }
}
