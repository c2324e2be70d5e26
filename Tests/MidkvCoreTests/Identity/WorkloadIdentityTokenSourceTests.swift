import Foundation
import MidkvCore
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("Workload identity token source")
struct WorkloadIdentityTokenSourceTests {
    static let scope = "https://vault.azure.net/.default"

    let time = FakeTimeSource(date: Date(timeIntervalSince1970: 1_790_000_000))
    let logs = MemoryLogHandler()

    private func source(_ transport: ScriptedTransport, path: String) -> WorkloadIdentityTokenSource {
        WorkloadIdentityTokenSource(
            tenantID: SignInWorld.tenant,
            clientID: SignInWorld.app,
            tokenFile: Setting(path, source: .environment("AZURE_FEDERATED_TOKEN_FILE")),
            transport: transport,
            retry: .none,
            time: time,
            logger: Logger(label: "midkv.identity", handler: logs, minimumLevel: .trace)
        )
    }

    /// An unsigned JWT with `claims` and a signature that carries the canary marker.
    private static func token(_ claims: [String: Any]) throws -> String {
        TestJWT.make(claims: claims, signature: "CANARY-projected-token-signature")
    }

    private func claims(expiresIn: TimeInterval = 3600, subject: String = SignInWorld.subject) -> [String: Any] {
        [
            "iss": SignInWorld.issuer, "sub": subject, "aud": ["api://AzureADTokenExchange"],
            "exp": Int(time.date.timeIntervalSince1970 + expiresIn),
        ]
    }

    @Test("the file's content, trimmed, is posted as the client assertion, with no client secret")
    func request() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let token = try Self.token(claims())
        let path = try folder.write("token", token + "\n")
        let transport = ScriptedTransport([.respond(.json(200, #"{"access_token":"t","expires_in":3599}"#))])

        _ = try await source(transport, path: path).token(for: Self.scope, deadline: time.deadline())

        let fields = try #require(transport.requests.first?.formFields)
        let sent = fields["client_assertion"] == token
        #expect(sent)
        #expect(fields["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        #expect(fields["client_id"] == SignInWorld.app)
        #expect(fields["client_secret"] == nil)
        #expect(!logs.transcript.contains(Canary.marker))
    }

    @Test(
        "a missing, empty, malformed or expired token file is named before any request",
        arguments: [
            ("missing", ErrorCode.identityFederatedTokenMissing),
            ("empty", .identityFederatedTokenEmpty),
            ("malformed", .identityFederatedTokenMalformed),
            ("expired", .identityFederatedTokenExpired),
        ]
    )
    func localFailures(kind: String, code: ErrorCode) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("token")
        switch kind {
        case "empty": try folder.write("token", "\n")
        case "malformed": try folder.write("token", "CANARY-not-a-jwt")
        case "expired": try folder.write("token", try Self.token(claims(expiresIn: -90)))
        default: break
        }
        let transport = ScriptedTransport()

        let error = try #require(
            await midkvError {
                try await source(transport, path: path).token(for: Self.scope, deadline: time.deadline())
            }
        )

        #expect(error.code == code)
        #expect(error.evidence("token file") == path)
        #expect(transport.requests.isEmpty)
        expectNoCanary(error, logs)
        if kind == "expired" {
            #expect(error.message == "The token in \(path) expired on 2026-09-21 14:11:50 UTC")
            #expect(error.evidence("local time") == "2026-09-21 14:13:20 UTC")
            #expect(error.evidence("token subject (sub)") == SignInWorld.subject)
        }
    }

    @Test("AADSTS70021 names the token's issuer, subject and audience and where to add the credential")
    func noFederatedCredential() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("token", try Self.token(claims(subject: "system:serviceaccount:default:default")))
        let body = """
            {"error":"invalid_request","error_description":"AADSTS70021: No matching federated identity record found \
            for presented assertion.","error_codes":[70021]}
            """
        let transport = ScriptedTransport([.respond(.json(400, body))])

        let error = try #require(
            await midkvError {
                try await source(transport, path: path).token(for: Self.scope, deadline: time.deadline())
            }
        )

        #expect(error.code == .identityNoFederatedCredential)
        #expect(
            error.message == "No federated credential of app \(SignInWorld.app) matches the token from \(path) "
                + "(AADSTS70021)"
        )
        #expect(error.cause?.contains("subject system:serviceaccount:default:default") == true)
        #expect(error.fix.contains("issuer \(SignInWorld.issuer)"))
        #expect(error.evidence("token audience (aud)") == "api://AzureADTokenExchange")
        expectNoCanary(error, logs)
    }

    @Test("a rotated token file is read again: the next request presents the new token")
    func rotation() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let issue = { (subject: String) throws -> String in
            try #require(world.emulator.issueWorkloadToken(issuer: SignInWorld.issuer, subject: subject))
        }
        let path = try folder.write("token", try issue(SignInWorld.subject))
        let settings = try world.settings(
            flags: ["--tenant-id": SignInWorld.tenant, "--client-id": SignInWorld.app],
            environment: ["AZURE_FEDERATED_TOKEN_FILE": path]
        )
        let (source, transport) = try world.tokenSource(settings)
        defer { transport.shutdown() }

        let first = try await source.token(for: Self.scope, deadline: .now + .seconds(60))
        try folder.write("token", try issue("system:serviceaccount:default:default"))
        let refused = try #require(
            await midkvError { try await source.token(for: Self.scope, deadline: .now + .seconds(60)) }
        )
        try folder.write("token", try issue(SignInWorld.subject))
        let again = try await source.token(for: Self.scope, deadline: .now + .seconds(60))

        #expect(first.claims?.objectID == SignInWorld.appObject)
        #expect(refused.code == .identityNoFederatedCredential)
        #expect(refused.cause?.contains("system:serviceaccount:default:default") == true)
        #expect(again.claims?.appID == SignInWorld.app)
        #expect(world.emulator.counters.tokenRequests == 3)
    }

    @Test("a credential resolves end to end with the token the cluster's issuer wrote")
    func endToEnd() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let token = try #require(
            world.emulator.issueWorkloadToken(issuer: SignInWorld.issuer, subject: SignInWorld.subject)
        )
        let path = try folder.write("azure-identity-token", token)
        let logs = MemoryLogHandler()

        let resolved = try await world.resolve(
            try world.settings(environment: [
                "AZURE_FEDERATED_TOKEN_FILE": path, "AZURE_CLIENT_ID": SignInWorld.app,
                "AZURE_TENANT_ID": SignInWorld.tenant,
            ]),
            logger: Logger(label: "midkv", handler: logs, minimumLevel: .trace)
        )

        #expect(resolved.credential[.user]?.reveal() == "svc-disc")
        #expect(!logs.transcript.contains(token.split(separator: ".")[2]))
    }
}
