import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import Testing

@Suite("Fault switches")
struct EmulatorFaultsTests {
    static let read = "/secrets/linux-root-ssh?api-version=7.4"

    @Test("throttling answers the next N vault requests with 429 Throttled and Retry-After, then stops")
    func throttleCountsDown() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        emulator.faults.throttle(next: 2, retryAfterSeconds: 7)
        #expect(emulator.faults.pendingThrottles == 2)

        for remaining in [1, 0] {
            let response = emulator.handle(TestWorld.vaultRequest(Self.read, token: token))
            #expect(response.status == 429)
            #expect(response.headers["Retry-After"] == "7")
            let error = try response.vaultError()
            #expect(error.code == "Throttled")
            #expect(error.message.hasSuffix("Reason: VaultRequestTypeLimitReached"))
            #expect(emulator.faults.pendingThrottles == remaining)
        }
        #expect(emulator.handle(TestWorld.vaultRequest(Self.read, token: token)).status == 200)
        #expect(emulator.counters.faultsInjected == 2)
        let faulted = emulator.requests.filter(\.faulted)
        #expect(faulted.map(\.kind) == [.vaultRead, .vaultRead])
        #expect(faulted.map(\.secret) == ["linux-root-ssh", "linux-root-ssh"])
    }

    @Test("throttling without Retry-After sends no such header")
    func throttleWithoutRetryAfter() throws {
        let emulator = try TestWorld.emulator()
        emulator.faults.throttle(next: 1)

        let response = emulator.handle(TestWorld.vaultRequest(Self.read))
        #expect(response.status == 429)
        #expect(response.headers["Retry-After"] == nil)
    }

    @Test("a chosen 5xx answers the next N vault requests; other host kinds are untouched")
    func serverErrorScoped() throws {
        let emulator = try TestWorld.emulator()
        emulator.faults.failWithStatus(503, next: 1)

        let token = try emulator.token()
        #expect(emulator.faults.pendingServerErrors == 1)
        let failed = emulator.handle(TestWorld.vaultRequest(Self.read, token: token))
        #expect(failed.status == 503)
        #expect(try failed.vaultError().code == "ServiceUnavailable")
        #expect(emulator.handle(TestWorld.vaultRequest(Self.read, token: token)).status == 200)
    }

    @Test("faults on login and IMDS hosts answer in those services' error shapes")
    func loginAndIMDSShapes() throws {
        let emulator = try TestWorld.emulator()
        emulator.faults.throttle(next: 1, retryAfterSeconds: 3, hosts: [.login])
        let throttled = emulator.handle(TestWorld.tokenRequest(fields: TestWorld.clientCredentials()))
        #expect(throttled.status == 429)
        #expect(throttled.headers["Retry-After"] == "3")
        #expect(try throttled.jsonObject()["error_codes"] as? [Int] == [90_055])

        emulator.faults.failWithStatus(500, next: 1, hosts: [.imds])
        let failed = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net"))
        #expect(failed.status == 500)
        #expect(failed.text == #"{"error":"server_error","error_description":"Server error"}"#)
    }

    @Test("a delay waits on the emulator's clock for the scoped hosts only, for the given count")
    func delay() throws {
        let clock = ManualClock()
        let emulator = try TestWorld.emulator(clock: .manual(clock))
        let token = try emulator.token()
        emulator.faults.delay(.milliseconds(1500), next: 2, hosts: [.vault])

        _ = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net"))
        #expect(clock.totalAdvanced == .zero)
        for _ in 0..<3 {
            #expect(emulator.handle(TestWorld.vaultRequest(Self.read, token: token)).status == 200)
        }
        #expect(clock.totalAdvanced == .milliseconds(3000))
    }

    @Test("connection faults are handed out once per connection and count down")
    func connectionFaults() {
        let emulator = Emulator(seed: EmulatorSeed(tenants: []))
        emulator.faults.failConnections(.resetDuringHandshake, next: 2)

        #expect(emulator.faults.pendingConnectionFaults == 2)
        #expect(emulator.faults.nextConnectionFault() == .resetDuringHandshake)
        #expect(emulator.faults.nextConnectionFault() == .resetDuringHandshake)
        #expect(emulator.faults.nextConnectionFault() == nil)
    }

    @Test("faults in the seed are in force from the first request")
    func seededFaults() throws {
        var seed = try TestWorld.seed()
        seed.faults = EmulatorSeed.Faults(
            throttle: .init(count: 1, retryAfterSeconds: 2),
            connection: .init(action: .hang, hangMilliseconds: 5000),
            inspectionCertificate: true
        )
        let emulator = Emulator(seed: seed)

        #expect(emulator.handle(TestWorld.vaultRequest(Self.read)).status == 429)
        #expect(emulator.handle(TestWorld.vaultRequest(Self.read)).status == 401)
        #expect(emulator.faults.nextConnectionFault() == .hang(.milliseconds(5000)))
        #expect(emulator.faults.presentsInspectionCertificate)
    }

    @Test("clear removes every pending fault")
    func clear() throws {
        let emulator = try TestWorld.emulator()
        emulator.faults.throttle(next: 5)
        emulator.faults.failWithStatus(502, next: 5)
        emulator.faults.failConnections(.reset, next: 5)
        emulator.faults.clear()

        #expect(emulator.faults.pendingThrottles == 0)
        #expect(emulator.faults.pendingServerErrors == 0)
        #expect(emulator.faults.nextConnectionFault() == nil)
        #expect(emulator.handle(TestWorld.vaultRequest(Self.read)).status == 401)
    }
}
