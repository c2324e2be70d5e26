import Foundation
import Glibc
import MidkvHTTPServer
import MidkvTestSupport
import Testing

@Suite("HTTP server: start and stop")
struct HTTPServerLifecycleTests {
    @Test("port 0 binds a free port, and a second server on it reports the address in use")
    func addressInUse() async throws {
        try await TestServer.run(TestServer.loopback()) { _, port in
            let endpoint = HTTPServer.Configuration.Endpoint.tcp(host: "127.0.0.1", port: port)
            let second = HTTPServer(configuration: .init(endpoints: [endpoint]), handler: TestServer.echo)
            let error = #expect(throws: HTTPServerError.self) { try second.start() }

            #expect(port != 0)
            #expect(error?.code == .addressInUse)
            #expect(error?.errno == EADDRINUSE)
            #expect(error?.description.contains("127.0.0.1:\(port)") == true)
        }
    }

    @Test("a host name instead of a numeric address is an invalid endpoint")
    func invalidHost() throws {
        let server = HTTPServer(
            configuration: .init(endpoints: [.tcp(host: "localhost", port: 0)]),
            handler: TestServer.echo
        )
        let error = #expect(throws: HTTPServerError.self) { try server.start() }

        #expect(error?.code == .invalidEndpoint)
        #expect(server.tcpPort == nil)
    }

    @Test("starting twice is an invalid state, stopping twice is harmless")
    func startTwice() async throws {
        try await TestServer.run(TestServer.loopback()) { server, _ in
            let error = #expect(throws: HTTPServerError.self) { try server.start() }
            #expect(error?.code == .invalidState)

            server.stop()
            server.stop()
        }
    }

    @Test("the IPv6 loopback works too")
    func ipv6() async throws {
        let configuration = HTTPServer.Configuration(endpoints: [.tcp(host: "::1", port: 0)])
        try await TestServer.run(configuration) { server, port in
            #expect(port != 0)
            #expect(server.configuration.endpoints.first?.description == "[::1]:0")
        }
    }

    @Test("stop closes idle kept-alive connections without waiting for the idle timeout")
    func stopWithIdleConnections() async throws {
        let limits = HTTPServer.Configuration.Limits(readTimeout: .seconds(3600), idleTimeout: .seconds(3600))
        try await onDedicatedThread {
            let server = HTTPServer(configuration: TestServer.loopback(limits: limits), handler: TestServer.echo)
            try server.start()
            let port = try #require(server.tcpPort)

            let idle = try TestClient(port: port)
            try idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try idle.readResponse()
            let silent = try TestClient(port: port)
            while server.statistics.activeConnections < 2 {
                usleep(10_000)
            }

            let started = ContinuousClock.now
            server.stop()
            #expect(ContinuousClock.now - started < .seconds(600))
            #expect(try idle.receiveAll().isEmpty)
            #expect(try silent.receiveAll().isEmpty)
            #expect(server.statistics.activeConnections == 0)
            #expect(throws: TestClient.Failure(call: "connect", errno: ECONNREFUSED)) { try TestClient(port: port) }
        }
    }

    @Test("releasing the last reference stops the server")
    func deinitStops() async throws {
        try await onDedicatedThread {
            var server: HTTPServer? = HTTPServer(configuration: TestServer.loopback(), handler: TestServer.echo)
            try server?.start()
            let port = try #require(server?.tcpPort)
            server = nil

            #expect(throws: TestClient.Failure(call: "connect", errno: ECONNREFUSED)) { try TestClient(port: port) }
        }
    }
}
