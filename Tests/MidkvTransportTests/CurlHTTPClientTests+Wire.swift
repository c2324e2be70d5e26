import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension CurlHTTPClientTests {
    @Test("a GET goes out with the exact request line, host, user agent and caller's headers")
    func getOnTheWire() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        var request = get(server, "/secrets/db-password/?api-version=7.4")
        request.headers.add("x-ms-client-request-id", "9f2c7d4e-0000-4000-8000-000000000001")
        request.headers.add("Accept", "application/json")
        _ = try await client.send(request)

        let sent = try #require(server.requests.first)
        #expect(sent.requestLine == "GET /secrets/db-password/?api-version=7.4 HTTP/1.1")
        #expect(sent.header("Host") == "127.0.0.1:\(server.port)")
        #expect(sent.header("User-Agent") == "midkv-test/1.0")
        #expect(sent.header("Accept") == "application/json")
        #expect(sent.header("x-ms-client-request-id") == "9f2c7d4e-0000-4000-8000-000000000001")
        #expect(sent.header("Content-Length") == nil)
        #expect(sent.header("Expect") == nil)
        #expect(sent.body.isEmpty)
    }

    @Test("a PUT sends its JSON body with an exact Content-Length and no Expect header")
    func putOnTheWire() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let body = Data(#"{"value":"p@ss\"w<o>rd","contentType":"text/plain"}"#.utf8)
        let request = HTTPRequest(
            method: .put,
            url: server.baseURL.appendingPathComponent("secrets/db"),
            headers: HTTPHeaders([("Content-Type", "application/json")]),
            body: body
        )
        _ = try await client.send(request)

        let sent = try #require(server.requests.first)
        #expect(sent.requestLine == "PUT /secrets/db HTTP/1.1")
        #expect(sent.header("Content-Length") == String(body.count))
        #expect(sent.header("Content-Type") == "application/json")
        #expect(sent.header("Expect") == nil)
        #expect(sent.body == body)
    }

    @Test("a POST form body keeps the caller's content type and only that one")
    func postOnTheWire() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let form =
            "client_id=11111111-2222&grant_type=client_credentials&scope=https%3A%2F%2Fvault.azure.net%2F.default"
        let request = HTTPRequest(
            method: .post,
            url: server.baseURL.appendingPathComponent("tenant/oauth2/v2.0/token"),
            headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
            body: Data(form.utf8)
        )
        _ = try await client.send(request)

        let sent = try #require(server.requests.first)
        #expect(sent.requestLine == "POST /tenant/oauth2/v2.0/token HTTP/1.1")
        #expect(sent.headerLines.filter { $0.lowercased().hasPrefix("content-type:") }.count == 1)
        #expect(sent.header("Content-Length") == String(form.utf8.count))
        #expect(sent.body == Data(form.utf8))
    }

    @Test("a POST without a content type gets none from libcurl")
    func postWithoutContentType() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let request = HTTPRequest(method: .post, url: server.baseURL, body: Data("x".utf8))
        _ = try await client.send(request)

        #expect(server.requests.first?.header("Content-Type") == nil)
    }

    @Test("a PUT without a body sends Content-Length: 0", arguments: [HTTPRequest.Method.put, .post, .patch])
    func emptyBodySendsZeroLength(method: HTTPRequest.Method) async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let request = HTTPRequest(method: method, url: server.baseURL.appendingPathComponent("secrets/first-put"))
        _ = try await client.send(request)

        let sent = try #require(server.requests.first)
        #expect(sent.requestLine == "\(method.rawValue) /secrets/first-put HTTP/1.1")
        #expect(sent.header("Content-Length") == "0")
        #expect(sent.body.isEmpty)
    }

    @Test("a 2 MiB body goes out whole, without waiting for 100 Continue")
    func largeBodyWithoutExpect() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let body = Data((0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let request = HTTPRequest(method: .put, url: server.baseURL.appendingPathComponent("blob"), body: body)
        let response = try await client.send(request)

        let sent = try #require(server.requests.first)
        #expect(response.status == 200)
        #expect(sent.header("Expect") == nil)
        #expect(sent.body == body)
    }

    @Test("a DELETE goes out with its method and no body")
    func deleteOnTheWire() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let request = HTTPRequest(method: .delete, url: server.baseURL.appendingPathComponent("secrets/old"))
        _ = try await client.send(request)

        let sent = try #require(server.requests.first)
        #expect(sent.requestLine == "DELETE /secrets/old HTTP/1.1")
        #expect(sent.header("Content-Length") == nil)
    }

    @Test("a header with an empty value is sent with an empty value")
    func emptyHeaderValue() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        var request = get(server)
        request.headers.add("X-Empty", "")
        _ = try await client.send(request)

        #expect(server.requests.first?.headerLines.contains("X-Empty:") == true)
    }

    @Test("a header value with a line break is refused before connecting, without echoing the value")
    func headerInjectionRefused() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        var request = get(server)
        request.headers.add("Authorization", "Bearer CANARY-token\r\nX-Injected: 1")
        let error = try #require(await failure(of: request, on: client))

        #expect(error.kind == .other)
        #expect(error.detail.contains("'Authorization'"))
        #expect(!error.description.contains("CANARY"))
        #expect(server.connectionCount == 0)
    }

    @Test("a header name that is not an HTTP token is refused before connecting")
    func badHeaderNameRefused() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        var request = get(server)
        request.headers.add("Bad Name", "value")
        let error = try #require(await failure(of: request, on: client))

        #expect(error.kind == .other)
        #expect(server.connectionCount == 0)
    }
}
