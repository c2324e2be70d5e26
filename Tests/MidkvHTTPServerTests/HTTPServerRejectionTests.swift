import Foundation
import MidkvHTTPServer
import MidkvSupport
import Testing

@Suite("HTTP server: refused requests and limits")
struct HTTPServerRejectionTests {
    private static let smallLimits = HTTPServer.Configuration.Limits(maxHeaderBytes: 1024, maxBodyBytes: 64)

    @Test(
        "malformed request lines and header fields get 400, then the connection closes",
        arguments: [
            "GET / HTTP/1.1 extra\r\n\r\n",
            "GET\r\n\r\n",
            "GET / HTTP/1.x\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
            "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        ]
    )
    func badRequest(request: String) async throws {
        try await TestServer.run(TestServer.loopback(limits: Self.smallLimits)) { server, port in
            let client = try TestClient(port: port)
            try client.send(request)
            let response = try client.readResponse()

            #expect(response.statusLine == "HTTP/1.1 400 Bad Request")
            #expect(response.header("Connection") == "close")
            #expect(try client.receiveAll().isEmpty)
            #expect(server.statistics.requestsServed == 0)
        }
    }

    @Test("a head over the limit gets 431")
    func headersTooLarge() async throws {
        try await TestServer.run(TestServer.loopback(limits: Self.smallLimits)) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "a", count: 2000))\r\n\r\n")

            #expect(try client.readResponse().statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
        }
    }

    @Test(
        "a body over the limit gets 413, by Content-Length or by chunks",
        arguments: [
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n" + String(repeating: "b", count: 65),
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + String(repeating: "b", count: 64)
                + "\r\n1\r\nb\r\n0\r\n\r\n",
        ]
    )
    func bodyTooLarge(request: String) async throws {
        try await TestServer.run(TestServer.loopback(limits: Self.smallLimits)) { _, port in
            let client = try TestClient(port: port)
            try client.send(request)

            #expect(try client.readResponse().statusLine == "HTTP/1.1 413 Content Too Large")
        }
    }

    @Test("a too-large body announced with 100-continue gets 413 instead of the interim answer")
    func continueRefused() async throws {
        try await TestServer.run(TestServer.loopback(limits: Self.smallLimits)) { _, port in
            let client = try TestClient(port: port)
            try client.send("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")

            #expect(try client.readResponse().statusLine == "HTTP/1.1 413 Content Too Large")
        }
    }

    @Test(
        "unsupported versions, codings and expectations get 505, 501 and 417",
        arguments: [
            ("GET / HTTP/2.0\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported"),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 501 Not Implemented"),
            ("POST / HTTP/1.1\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx", "HTTP/1.1 417 Expectation Failed"),
        ]
    )
    func unsupported(request: String, statusLine: String) async throws {
        try await TestServer.run(TestServer.loopback()) { _, port in
            let client = try TestClient(port: port)
            try client.send(request)

            #expect(try client.readResponse().statusLine == statusLine)
        }
    }

    @Test("a connection over the limit gets 503 while the first is still open")
    func overloaded() async throws {
        let limits = HTTPServer.Configuration.Limits(maxConnections: 1)
        try await TestServer.run(TestServer.loopback(limits: limits)) { _, port in
            let first = try TestClient(port: port)
            try first.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try first.readResponse()

            let second = try TestClient(port: port)
            try second.send("GET /two HTTP/1.1\r\nHost: x\r\n\r\n")
            let refused = try second.readResponse()

            #expect(refused.statusLine == "HTTP/1.1 503 Service Unavailable")
            #expect(refused.header("Connection") == "close")
            try first.send("GET /three HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().statusLine == "HTTP/1.1 200 OK")
        }
    }

    @Test("a rejection hook answers refusals in its own format, keeping the status and closing")
    func rejectionHook() async throws {
        var configuration = TestServer.loopback(limits: HTTPServer.Configuration.Limits(maxConnections: 1))
        configuration.rejectionResponse = { status, reason in
            var response = HTTPServerResponse(status: status, body: Data(#"{"refused":"\#(reason)"}"#.utf8))
            response.headers.set("Content-Type", "application/json")
            return response
        }
        try await TestServer.run(configuration) { _, port in
            let first = try TestClient(port: port)
            try first.send("GET / HTTP/2.0\r\n\r\n")
            let unsupported = try first.readResponse()

            #expect(unsupported.statusLine == "HTTP/1.1 505 HTTP Version Not Supported")
            #expect(unsupported.text == #"{"refused":"only HTTP/1.0 and HTTP/1.1 are supported"}"#)
            #expect(unsupported.header("Content-Type") == "application/json")
            #expect(unsupported.header("Connection") == "close")
        }
    }

    @Test("a request that stops arriving is closed at the read timeout while others are served")
    func readTimeout() async throws {
        let limits = HTTPServer.Configuration.Limits(readTimeout: .seconds(1))
        try await TestServer.run(TestServer.loopback(limits: limits)) { _, port in
            let stalled = try TestClient(port: port)
            try stalled.send("GET / HTTP/1.1\r\nHost: x\r\n")

            let other = try TestClient(port: port)
            try other.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try other.readResponse().statusLine == "HTTP/1.1 200 OK")
            #expect(try stalled.receiveAll().isEmpty)
        }
    }

    @Test("a kept-alive connection is closed at the idle timeout")
    func idleTimeout() async throws {
        let limits = HTTPServer.Configuration.Limits(idleTimeout: .milliseconds(300))
        try await TestServer.run(TestServer.loopback(limits: limits)) { server, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse()

            #expect(try client.receiveAll().isEmpty)
            #expect(server.statistics.requestsServed == 1)
        }
    }
}
