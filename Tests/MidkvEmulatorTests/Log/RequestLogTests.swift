import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import Testing

@Suite("Request log and counters")
struct RequestLogTests {
    @Test("each request is recorded with method, host, path, status, principal and kind")
    func records() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        _ = emulator.handle(
            TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4&secret=CANARY-q", token: token)
        )

        let records = emulator.requests
        #expect(records.map(\.kind) == [.token, .vaultRead])
        let read = try #require(records.last)
        #expect(read.method == "GET")
        #expect(read.host == TestWorld.vaultHost)
        #expect(read.path == "/secrets/linux-root-ssh?api-version=7.4")
        #expect(read.status == 200)
        #expect(read.principal == TestWorld.objectID)
        #expect(read.vault == "kv-contoso")
        #expect(read.secret == "linux-root-ssh")
        #expect(records.first?.path == "/\(TestWorld.tenant)/oauth2/v2.0/token")
    }

    @Test("counters count token requests, issued tokens, vault requests and successful reads")
    func counters() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        _ = emulator.handle(TestWorld.tokenRequest(fields: TestWorld.clientCredentials(secret: "wrong")))
        _ = emulator.handle(TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4"))
        _ = emulator.handle(TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4", token: token))
        _ = emulator.handle(TestWorld.vaultRequest("/secrets/LINUX-ROOT-SSH?api-version=7.4", token: token))
        _ = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net"))

        let counters = emulator.counters
        #expect(counters.requests == 6)
        #expect(counters.tokenRequests == 2)
        #expect(counters.tokensIssued == 2)
        #expect(counters.managedIdentityRequests == 1)
        #expect(counters.vaultRequests("KV-Contoso") == 3)
        #expect(counters.secretReads(vault: "kv-contoso", secret: "linux-root-ssh") == 2)

        emulator.resetRequestLog()
        #expect(emulator.requests.isEmpty)
        #expect(emulator.counters == EmulatorCounters())
    }

    @Test("neither the request log nor the logger ever holds a secret value, token, header or form body")
    func noSecretsLogged() throws {
        let handler = MemoryLogHandler()
        let logger = Logger(label: "test", handler: handler, minimumLevel: .trace)
        let emulator = try TestWorld.emulator(logger: logger)
        let token = try emulator.token()

        _ = emulator.handle(
            TestWorld.tokenRequest(fields: TestWorld.clientCredentials(secret: TestWorld.otherClientSecret))
        )
        _ = emulator.handle(TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4", token: token))
        _ = emulator.handle(
            TestWorld.vaultRequest(
                "PUT",
                "/secrets/db-password?api-version=7.4",
                token: token,
                body: #"{"value":"CANARY-put"}"#
            )
        )
        _ = emulator.handle(
            TestWorld.vaultRequest("/secrets/db-password?api-version=7.4&code=CANARY-query", token: token)
        )
        _ = emulator.handle(
            HTTPServerRequest(
                method: "GET",
                target: "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net",
                headers: HTTPHeaders([("Host", "localhost"), ("X-IDENTITY-HEADER", TestWorld.identityHeader)])
            )
        )

        let logged = emulator.requests.map { "\($0)" }.joined(separator: "\n") + handler.transcript
        #expect(handler.entries.count == 6)
        for forbidden in TestWorld.canaries + [
            "CANARY-put", "CANARY-query", token, "Bearer", "client_secret", "grant_type",
        ] {
            #expect(!logged.contains(forbidden), "log holds \(forbidden.prefix(12))…")
        }
    }
}
