import Foundation
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Synchronization
import Testing

@Suite("HTTP probe")
struct HTTPProbeTests {
    static let challenge =
        "Bearer authorization=\"https://login.windows.net/\(AzureNames.tenant)\", resource=\"https://vault.azure.net\""

    @Test("Key Vault's unauthenticated answer gives 401, the challenge and the vault's tenant")
    func vaultChallenge() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let seen = Requests()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            seen.append(request)
            return .json(
                401,
                ["error": ["code": "Unauthorized"]],
                headers: HTTPHeaders([("WWW-Authenticate", Self.challenge)])
            )
        }
        let identity = try pki.identity(dnsNames: [AzureNames.vault], ipAddresses: [])

        let result = try await withProbeServer(tls: .required(identity), handler: handler) { _, port in
            let client = makeClient {
                $0.connectTo = "127.0.0.1:\(port)"
                $0.caFile = pki.caFile
            }
            defer { client.shutdown() }
            return await HTTPProbe(transport: client).vaultChallenge(
                vaultHost: AzureNames.vault,
                apiVersion: "7.4",
                timeBox: .seconds(10)
            )
        }

        #expect(result.exchange.status == 401)
        #expect(result.isKeyVaultChallenge)
        #expect(result.challenge?.tenantID == AzureNames.tenant)
        #expect(result.challenge?.resource == "https://vault.azure.net")
        let request = try #require(seen.all.first)
        #expect(request.target == "/secrets?api-version=7.4")
        #expect(request.headers["Host"] == AzureNames.vault)
        #expect(request.headers["Authorization"] == nil)
    }

    @Test("an answer without a Bearer challenge is not Key Vault's")
    func notKeyVault() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let identity = try pki.identity(dnsNames: [AzureNames.vault], ipAddresses: [])

        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in .text(403, "Blocked by policy") }
        let result = try await withProbeServer(tls: .required(identity), handler: handler) { _, port in
            let client = makeClient {
                $0.connectTo = "127.0.0.1:\(port)"
                $0.caFile = pki.caFile
            }
            defer { client.shutdown() }
            return await HTTPProbe(transport: client).vaultChallenge(
                vaultHost: AzureNames.vault,
                apiVersion: "7.4",
                timeBox: .seconds(10)
            )
        }

        #expect(result.exchange.status == 403)
        #expect(result.challenge == nil)
        #expect(!result.isKeyVaultChallenge)
    }

    @Test("IMDS's JSON 400 to a request without Metadata proves it is there")
    func imdsPresent() async throws {
        let body = try Fixtures.azure(
            "recordings/azure-sdk-for-python/identity/test_imds_credential.pyTestImdstest_system_assigned.json"
        )
        let entries =
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])["Entries"] as? [[String: Any]]
        let recorded = try #require(entries?.first?["ResponseBody"] as? [String: String])
        let seen = Requests()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            seen.append(request)
            return .json(400, recorded)
        }

        let result = try await withProbeServer(tls: .off, handler: handler) { _, port in
            let client = makeClient { $0.connectTo = "127.0.0.1:\(port)" }
            defer { client.shutdown() }
            return await HTTPProbe(transport: client).imdsPresence(timeBox: .seconds(10))
        }

        #expect(result.presence == .present)
        #expect(result.exchange.status == 400)
        #expect(result.errorDescription == "Required metadata header not specified")
        let request = try #require(seen.all.first)
        #expect(request.path == "/metadata/identity/oauth2/token")
        #expect(request.query("api-version") == "2018-02-01")
        #expect(request.query("resource") == "https://vault.azure.net")
        #expect(request.headers["Host"] == "169.254.169.254")
        #expect(request.headers["Metadata"] == nil)
    }

    @Test("no connection at the IMDS address means absent, with the transport failure")
    func imdsAbsent() async throws {
        let reserved = try ReservedPort()
        let client = makeClient { $0.connectTo = "127.0.0.1:\(reserved.port)" }
        defer { client.shutdown() }

        let result = await HTTPProbe(transport: client).imdsPresence(timeBox: .seconds(10))

        #expect(result.presence == .absent)
        #expect(result.exchange.failure?.kind == .connectionRefused)
    }

    @Test("another answer at the IMDS address is somethingElse, with its status")
    func imdsSomethingElse() async throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            .text(502, "Bad Gateway", headers: HTTPHeaders([("Via", "1.1 proxy.contoso.local")]))
        }

        let result = try await withProbeServer(tls: .off, handler: handler) { _, port in
            let client = makeClient { $0.connectTo = "127.0.0.1:\(port)" }
            defer { client.shutdown() }
            return await HTTPProbe(transport: client).imdsPresence(timeBox: .seconds(10))
        }

        #expect(result.presence == .somethingElse)
        #expect(result.exchange.status == 502)
        #expect(result.exchange.headers["Via"] == "1.1 proxy.contoso.local")
    }

    @Test("challenge parameters are read quoted or bare, with authorization_uri as an alias")
    func challengeParsing() {
        let challenge = BearerChallenge(
            header:
                "Bearer authorization_uri=\"https://login.microsoftonline.us/\(AzureNames.tenant)/\", scope=https://vault.usgovcloudapi.net/.default"
        )

        #expect(challenge?.authorization == "https://login.microsoftonline.us/\(AzureNames.tenant)/")
        #expect(challenge?.tenantID == AzureNames.tenant)
        #expect(challenge?.scope == "https://vault.usgovcloudapi.net/.default")
        #expect(BearerChallenge(header: "Basic realm=\"vault\"") == nil)
    }
}

/// Requests a test server received, in order.
final class Requests: Sendable {
    private let stored = Mutex<[HTTPServerRequest]>([])

    var all: [HTTPServerRequest] {
        stored.withLock { $0 }
    }

    func append(_ request: HTTPServerRequest) {
        stored.withLock { $0.append(request) }
    }
}
