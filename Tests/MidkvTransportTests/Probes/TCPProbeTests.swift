import Glibc
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("TCP probe")
struct TCPProbeTests {
    @Test("a listening port is connected, with the address and port used")
    func connected() async throws {
        let server = try ScriptedSocketServer(.closeWithoutReply)
        defer { server.stop() }
        let probe = TCPProbe(routing: confined())

        let result = await probe.probe(
            host: "127.0.0.1",
            addresses: ["127.0.0.1"],
            port: server.port,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .connected)
        #expect(result.address == "127.0.0.1")
        #expect(result.port == server.port)
        #expect(result.osError == nil)
        #expect(await server.waitForConnections(1))
    }

    @Test("a bound port nobody listens on is refused with ECONNREFUSED")
    func refused() async throws {
        let reserved = try ReservedPort()
        let probe = TCPProbe(routing: confined())

        let result = await probe.probe(
            host: "127.0.0.1",
            addresses: ["127.0.0.1"],
            port: reserved.port,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .refused)
        #expect(result.osError == SocketErrno(ECONNREFUSED))
        #expect(result.osError?.name == "ECONNREFUSED")
    }

    @Test("a port that drops connection attempts times out at the time box")
    func timedOut() async throws {
        let blackhole = try BlackholeListener()
        let probe = TCPProbe(routing: confined())

        let result = await probe.probe(
            host: "127.0.0.1",
            addresses: ["127.0.0.1"],
            port: blackhole.port,
            timeBox: .seconds(1)
        )

        #expect(result.outcome == .timedOut)
        #expect(result.osError == nil)
    }

    @Test("the next address is tried when the first fails")
    func nextAddress() async throws {
        let server = try ScriptedSocketServer(.closeWithoutReply)
        defer { server.stop() }
        let probe = TCPProbe(routing: confined())

        let result = await probe.probe(
            host: "127.0.0.1",
            addresses: ["::1", "127.0.0.1"],
            port: server.port,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .connected)
        #expect(result.address == "127.0.0.1")
    }

    @Test("with a redirect the probe connects to the redirect address whatever the host")
    func redirected() async throws {
        let server = try ScriptedSocketServer(.closeWithoutReply)
        defer { server.stop() }
        let probe = TCPProbe(routing: redirect(to: server.port))

        let result = await probe.probe(host: AzureNames.vault, addresses: [], port: 443, timeBox: .seconds(10))

        #expect(result.outcome == .connected)
        #expect(result.host == AzureNames.vault)
        #expect(result.address == "127.0.0.1")
        #expect(result.port == server.port)
        #expect(result.isRedirected)
    }

    @Test("the loopback guard refuses an outside address without connecting and records it")
    func blocked() async {
        let probe = TCPProbe(routing: confined())

        let result = await probe.probe(
            host: AzureNames.vault,
            addresses: ["192.0.2.10"],
            port: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .blocked)
        #expect(result.address == "192.0.2.10")
        #expect(NetworkGuard.blockedAttempts.contains { $0.host == AzureNames.vault && $0.address == "192.0.2.10" })
    }
}
