import Foundation
import MidkvHTTPServer
import MidkvSupport
import Testing

@Suite("HTTP server: request and response exchange")
struct HTTPServerExchangeTests {
    @Test("two requests share one kept-alive connection")
    func keepAlive() async throws {
        try await TestServer.run(TestServer.loopback()) { server, port in
            let client = try TestClient(port: port)
            try client.send("GET /first HTTP/1.1\r\nHost: vault.local\r\n\r\n")
            let first = try client.readResponse()
            try client.send("GET /second HTTP/1.1\r\nHost: vault.local\r\n\r\n")
            let second = try client.readResponse()

            #expect(first.statusLine == "HTTP/1.1 200 OK")
            #expect(first.text == "GET /first tls=false sni=- body=")
            #expect(first.header("Content-Length") == "32")
            #expect(first.header("Date")?.hasSuffix(" GMT") == true)
            #expect(second.text == "GET /second tls=false sni=- body=")
            #expect(server.statistics.connectionsAccepted == 1)
            #expect(server.statistics.requestsServed == 2)
        }
    }

    @Test("pipelined requests are answered in order")
    func pipelined() async throws {
        try await TestServer.run(TestServer.loopback()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")

            #expect(try client.readResponse().text.hasPrefix("GET /a "))
            #expect(try client.readResponse().text.hasPrefix("GET /b "))
        }
    }

    @Test("a chunked body with extensions and trailers is decoded")
    func chunkedBody() async throws {
        try await TestServer.run(TestServer.loopback()) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.send("5\r\nhello\r\n6;name=value\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n")
            let response = try client.readResponse()
            try client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")

            #expect(response.text == "POST /echo tls=false sni=- body=hello world")
            #expect(try client.readResponse().text.hasPrefix("GET /after "))
        }
    }

    @Test("Expect: 100-continue gets an interim answer before the body is sent")
    func continueInterim() async throws {
        try await TestServer.run(TestServer.loopback()) { _, port in
            let client = try TestClient(port: port)
            try client.send("PUT /secrets/db HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.receive(count: 25)
            try client.send("value")

            #expect(String(decoding: interim, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
            #expect(try client.readResponse().text == "PUT /secrets/db tls=false sni=- body=value")
        }
    }

    @Test("HEAD gets the headers of the response without its body")
    func head() async throws {
        try await TestServer.run(TestServer.loopback()) { _, port in
            let client = try TestClient(port: port)
            try client.send("HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse(bodyForHEAD: false)
            try client.send("GET /y HTTP/1.1\r\nHost: x\r\n\r\n")

            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.header("Content-Length") == "29")
            #expect(try client.readResponse().text.hasPrefix("GET /y "))
        }
    }

    @Test(
        "HTTP/1.0, Connection: close and closeConnection each end the connection after the response",
        arguments: [
            "GET /a HTTP/1.0\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /close HTTP/1.1\r\nHost: x\r\n\r\n",
        ]
    )
    func closing(request: String) async throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            HTTPServerResponse(status: 204, closeConnection: request.path == "/close")
        }
        try await TestServer.run(TestServer.loopback(), handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send(request)
            let response = try client.readResponse()

            #expect(response.statusLine == "HTTP/1.1 204 No Content")
            #expect(response.header("Connection") == "close")
            #expect(response.header("Content-Length") == nil)
            #expect(try client.receiveAll().isEmpty)
        }
    }

    @Test("header names match case-insensitively, folded lines join, values are trimmed")
    func headerParsing() async throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            .text(
                200,
                "\(request.headers["x-folded"] ?? "-")|\(request.headers["X-SPACED"] ?? "-")|\(request.host ?? "-")"
            )
        }
        try await TestServer.run(TestServer.loopback(), handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send(
                "GET / HTTP/1.1\r\nHost: Vault.Local:8443\r\nX-Folded: first\r\n\t second\r\nx-spaced:   padded \t\r\n\r\n"
            )

            #expect(try client.readResponse().text == "first second|padded|vault.local")
        }
    }

    @Test("the handler's headers are sent, and the server's Content-Length wins")
    func responseHeaders() async throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            HTTPServerResponse(
                status: 429,
                headers: HTTPHeaders([("Retry-After", "3"), ("Content-Length", "999")]),
                body: Data("slow down".utf8)
            )
        }
        try await TestServer.run(TestServer.loopback(), handler: handler) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()

            #expect(response.statusLine == "HTTP/1.1 429 Too Many Requests")
            #expect(response.header("Retry-After") == "3")
            #expect(response.headers.filter { $0.name.lowercased() == "content-length" }.map(\.value) == ["9"])
            #expect(response.text == "slow down")
        }
    }

    @Test("a blocked handler does not hold up other connections")
    func blockedHandler() async throws {
        let release = DispatchSemaphore(value: 0)
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            if request.path == "/slow" {
                release.wait()
            }
            return .text(200, request.path)
        }
        try await TestServer.run(TestServer.loopback(), handler: handler) { _, port in
            let slow = try TestClient(port: port)
            try slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            let fast = try TestClient(port: port)
            try fast.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")

            #expect(try fast.readResponse().text == "/fast")
            release.signal()
            #expect(try slow.readResponse().text == "/slow")
        }
    }

    @Test("debug logs carry method, path and status but never header values or bodies")
    func logging() async throws {
        let handler = MemoryLogHandler()
        var configuration = TestServer.loopback()
        configuration.logger = Logger(label: "midkv.server", handler: handler, minimumLevel: .debug)

        try await TestServer.run(configuration) { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /secrets/db?api-version=7.4 HTTP/1.1\r\nHost: x\r\n")
            try client.send("Authorization: Bearer CANARY-TOKEN\r\nContent-Length: 13\r\n\r\nCANARY-SECRET")
            _ = try client.readResponse()
        }

        let served = try #require(handler.entries.first { $0.message == "request served" })
        #expect(served.metadata["http.method"] == "POST")
        #expect(served.metadata["http.path"] == "/secrets/db")
        #expect(served.metadata["http.status"] == "200")
        #expect(served.metadata["server.endpoint"]?.hasPrefix("127.0.0.1:") == true)
        #expect(!handler.transcript.contains("CANARY"))
    }
}
