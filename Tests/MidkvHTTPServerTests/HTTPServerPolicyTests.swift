import Foundation
import Glibc
import MidkvCrypto
import MidkvHTTPServer
import Testing

@Suite("HTTP server: connection policies")
struct HTTPServerPolicyTests {
    private static func always(_ action: HTTPServer.ConnectionAction) -> HTTPServer.Configuration {
        TestServer.loopback(policy: { _ in action })
    }

    @Test("the policy sees each connection once, with the client's address, before anything is read")
    func policyInput() async throws {
        let seen = Recorder<HTTPServer.ConnectionInfo>()
        let configuration = TestServer.loopback(policy: { info in
            seen.append(info)
            return .serve
        })
        try await TestServer.run(configuration) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse()
            _ = try client.readResponse()
        }

        let infos = seen.all
        #expect(infos.count == 1)
        #expect(infos.first?.remoteAddress.hasPrefix("127.0.0.1:") == true)
        #expect(infos.first?.peer == nil)
    }

    @Test("refuse closes the connection at once: the client reads end of stream")
    func refuse() async throws {
        try await TestServer.run(Self.always(.refuse)) { server, port in
            let client = try TestClient(port: port)

            #expect(try client.receiveAll().isEmpty)
            #expect(server.statistics.connectionsAccepted == 1)
        }
    }

    @Test("reset aborts the connection: the client sees ECONNRESET")
    func reset() async throws {
        try await TestServer.run(Self.always(.reset)) { _, port in
            let client = try TestClient(port: port)

            #expect(throws: TestClient.Failure(call: "recv", errno: ECONNRESET)) { try client.receive() }
        }
    }

    @Test("closeWithoutReply reads the request and closes: the client reads an empty reply")
    func closeWithoutReply() async throws {
        try await TestServer.run(Self.always(.closeWithoutReply)) { server, port in
            let client = try TestClient(port: port)
            try client.send("POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody")

            #expect(try client.receiveAll().isEmpty)
            #expect(server.statistics.requestsServed == 0)
        }
    }

    @Test("closeWithoutReply on a TLS port completes the handshake first")
    func closeWithoutReplyOverTLS() async throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(dnsNames: ["localhost"])
        let configuration = TestServer.loopback(tls: .required(identity), policy: { _ in .closeWithoutReply })

        try await TestServer.run(configuration) { _, port in
            let client = try TestClient(port: port)
            #expect(client.startTLS(serverName: "localhost", caPEM: authority.certificatePEM).succeeded)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")

            #expect(try client.receiveAll().isEmpty)
        }
    }

    @Test("resetDuringHandshake reads the ClientHello and resets: the TLS client fails with ECONNRESET")
    func resetDuringHandshake() async throws {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(dnsNames: ["localhost"])
        let configuration = TestServer.loopback(tls: .required(identity), policy: { _ in .resetDuringHandshake })

        try await TestServer.run(configuration) { _, port in
            let client = try TestClient(port: port)
            let handshake = client.startTLS(serverName: "localhost", caPEM: authority.certificatePEM)

            #expect(!handshake.succeeded)
            #expect(handshake.errno == ECONNRESET)
        }
    }

    @Test("hang answers nothing, then closes after its duration")
    func hang() async throws {
        try await TestServer.run(Self.always(.hang(.seconds(3)))) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")

            client.setReceiveTimeout(seconds: 0, microseconds: 200_000)
            #expect(throws: TestClient.Failure(call: "recv", errno: EAGAIN)) { try client.receive() }
            client.setReceiveTimeout(seconds: 20, microseconds: 0)
            #expect(try client.receiveAll().isEmpty)
        }
    }

    @Test("a hanging connection ends when the server stops")
    func hangUntilStop() async throws {
        try await TestServer.run(Self.always(.hang(.seconds(3600)))) { server, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            while server.statistics.activeConnections == 0 {
                usleep(10_000)
            }

            server.stop()
            #expect(try client.receiveAll().isEmpty)
        }
    }
}
