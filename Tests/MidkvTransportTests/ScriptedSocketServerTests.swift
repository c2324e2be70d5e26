import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("ScriptedSocketServer")
struct ScriptedSocketServerTests {
    @Test("stop closes a connection that is hanging")
    func stopClosesHangingConnection() async throws {
        let server = try ScriptedSocketServer(.hang)
        let client = makeClient()
        defer { client.shutdown() }

        let task = Task { await failure(of: get(server), on: client) }
        #expect(await server.waitForRequests(1))
        server.stop()

        #expect(await task.value?.kind == .emptyReply)
    }

    @Test("stop closes the listening socket")
    func stopClosesListener() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        server.stop()
        var kind: TransportError.Kind?
        for _ in 0..<500 where kind != .connectionRefused {
            kind = await failure(of: get(server), on: client)?.kind
            try await Task.sleep(for: .milliseconds(10))
        }

        #expect(kind == .connectionRefused)
    }

    @Test("a script gives each connection its own behaviour and repeats the last one")
    func scriptOrder() async throws {
        let closing = ScriptedSocketServer.response(status: 200, headers: [("Connection", "close")])
        let server = try ScriptedSocketServer(script: [.respond(closing), .closeWithoutReply])
        let client = makeClient()
        defer { client.shutdown() }

        let first = try await client.send(get(server, "/one"))
        let second = await failure(of: get(server, "/two"), on: client)
        let third = await failure(of: get(server, "/three"), on: client)

        #expect(first.status == 200)
        #expect(second?.kind == .emptyReply)
        #expect(third?.kind == .emptyReply)
        #expect(server.requests.map(\.connection) == [0, 1, 2])
    }

    @Test("an address that is not loopback is refused")
    func refusesOtherAddresses() {
        #expect(throws: LoopbackSocketError.self) {
            _ = try ScriptedSocketServer(.hang, host: "0.0.0.0")
        }
    }

    @Test("a recorded request splits into request line, header lines and body")
    func recordedRequestParts() {
        let bytes = Data("PUT /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi".utf8)
        let request = RecordedRequest(connection: 0, bytes: bytes)

        #expect(request.requestLine == "PUT /a HTTP/1.1")
        #expect(request.headerLines == ["Host: x", "Content-Length: 2"])
        #expect(request.header("content-length") == "2")
        #expect(request.body == Data("hi".utf8))
    }
}
