import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("CurlHTTPClient")
struct CurlHTTPClientTests {
    // MARK: - Responses

    @Test("a GET returns the status, final headers, body and peer address")
    func getReturnsResponse() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let response = try await client.send(get(server, "/secrets/db-password?api-version=7.4"))

        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/plain")
        #expect(response.body == Data("ok".utf8))
        #expect(response.remoteAddress == "127.0.0.1")
    }

    @Test("404 and 500 come back as responses, not errors", arguments: [404, 500])
    func errorStatusesAreResponses(status: Int) async throws {
        let body = Data(#"{"error":{"code":"SecretNotFound"}}"#.utf8)
        let raw = ScriptedSocketServer.response(status: status, reason: "Whatever", body: body)
        let server = try ScriptedSocketServer(.respond(raw))
        let client = makeClient()
        defer { client.shutdown() }

        let response = try await client.send(get(server, "/secrets/missing"))

        #expect(response.status == status)
        #expect(response.body == body)
    }

    @Test("headers of an interim 100 Continue response are dropped")
    func interimHeadersDropped() async throws {
        let interim = Data("HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n".utf8)
        let final = ScriptedSocketServer.response(status: 201, reason: "Created", headers: [("X-Final", "yes")])
        let server = try ScriptedSocketServer(.respond(interim + final))
        let client = makeClient()
        defer { client.shutdown() }

        let response = try await client.send(get(server))

        #expect(response.status == 201)
        #expect(response.headers["X-Final"] == "yes")
        #expect(!response.headers.contains("X-Interim"))
    }

    @Test("a gzip-encoded body is decoded")
    func gzipBodyDecoded() async throws {
        let raw = ScriptedSocketServer.response(
            status: 200,
            headers: [("Content-Encoding", "gzip")],
            body: Data(gzippedHello)
        )
        let server = try ScriptedSocketServer(.respond(raw))
        let client = makeClient()
        defer { client.shutdown() }

        let response = try await client.send(get(server))

        #expect(String(decoding: response.body, as: UTF8.self) == "hello, vault\n")
        #expect(server.requests.first?.header("Accept-Encoding")?.contains("gzip") == true)
    }

    @Test("a HEAD request reads no body even when Content-Length says there is one")
    func headReadsNoBody() async throws {
        let raw = Data("HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n".utf8)
        let server = try ScriptedSocketServer(.respond(raw))
        let client = makeClient()
        defer { client.shutdown() }

        let request = HTTPRequest(method: .head, url: server.baseURL.appendingPathComponent("probe"))
        let response = try await client.send(request)

        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(server.requests.first?.requestLine == "HEAD /probe HTTP/1.1")
    }

    // MARK: - Keep-alive and concurrency

    @Test("two sequential requests share one TCP connection")
    func keepAliveReuse() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        _ = try await client.send(get(server, "/first"))
        _ = try await client.send(get(server, "/second"))

        #expect(server.connectionCount == 1)
        #expect(server.requests.map(\.requestLine) == ["GET /first HTTP/1.1", "GET /second HTTP/1.1"])
        #expect(server.requests.map(\.connection) == [0, 0])
    }

    @Test("200 concurrent requests through one client each get their own answer")
    func concurrentRequests() async throws {
        let server = try ScriptedSocketServer(.echoRequestLine)
        let client = makeClient()
        defer { client.shutdown() }

        let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let response = try await client.send(get(server, "/item/\(index)"))
                    return (index, String(decoding: response.body, as: UTF8.self))
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }

        #expect(answers.count == 200)
        #expect(answers.allSatisfy { $0.value == "GET /item/\($0.key) HTTP/1.1" })
        #expect(server.requests.count == 200)
    }

    // MARK: - Cancellation and shutdown

    @Test("cancelling the task ends a hanging request with cancelled")
    func cancellationEndsTransfer() async throws {
        let server = try ScriptedSocketServer(.hang)
        let client = makeClient()
        defer { client.shutdown() }

        let task = Task { await failure(of: get(server, "/slow"), on: client) }
        #expect(await server.waitForRequests(1))
        task.cancel()

        let error = try #require(await task.value)
        #expect(error.kind == .cancelled)
        #expect(error.host == "127.0.0.1")
    }

    @Test("a task cancelled before sending never opens a connection")
    func cancelledBeforeSending() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await failure(of: get(server), on: client)
        }

        #expect(await task.value?.kind == .cancelled)
        #expect(server.connectionCount == 0)
    }

    @Test("the client keeps working after a cancelled request")
    func worksAfterCancellation() async throws {
        let server = try ScriptedSocketServer(script: [.hang, .respond(okResponse)])
        let client = makeClient()
        defer { client.shutdown() }

        let task = Task { await failure(of: get(server, "/slow"), on: client) }
        #expect(await server.waitForRequests(1))
        task.cancel()
        _ = await task.value

        let response = try await client.send(get(server, "/fast"))
        #expect(response.status == 200)
    }

    @Test("shutdown ends requests in flight and refuses new ones, and may be repeated")
    func shutdownEndsEverything() async throws {
        let server = try ScriptedSocketServer(.hang)
        let client = makeClient()

        let task = Task { await failure(of: get(server, "/slow"), on: client) }
        #expect(await server.waitForRequests(1))
        client.shutdown()
        client.shutdown()

        #expect(await task.value?.kind == .cancelled)
        let later = await failure(of: get(server, "/later"), on: client)
        #expect(later?.kind == .cancelled)
        #expect(later?.detail == "the HTTP client was shut down")
    }

    // MARK: - Logging

    @Test("debug logging names method, host, path and status but no query, header or body")
    func loggingIsConstantAndClean() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let handler = MemoryLogHandler()
        let client = makeClient(logger: Logger(label: "test", handler: handler, minimumLevel: .debug))
        defer { client.shutdown() }

        var request = get(server, "/secrets/db?sig=CANARY-query")
        request.headers.add("Authorization", "Bearer CANARY-token")
        request.method = .put
        request.body = Data(#"{"value":"CANARY-body"}"#.utf8)
        _ = try await client.send(request)

        let entries = handler.entries
        #expect(entries.map(\.message) == ["sending request", "received response"])
        #expect(entries.allSatisfy { $0.level == .debug })
        #expect(entries[1].metadata["http.method"] == "PUT")
        #expect(entries[1].metadata["http.host"] == "127.0.0.1")
        #expect(entries[1].metadata["http.path"] == "/secrets/db")
        #expect(entries[1].metadata["http.status"] == "200")
        #expect(entries[1].metadata["http.duration_ms"].flatMap { Int($0) } != nil)
        #expect(!handler.transcript.contains("CANARY"))
    }

    @Test("a failed request is logged with its error kind")
    func failureIsLogged() async throws {
        let port = try ReservedPort()
        let handler = MemoryLogHandler()
        let client = makeClient(logger: Logger(label: "test", handler: handler, minimumLevel: .debug))
        defer { client.shutdown() }

        let url = URL(string: "http://127.0.0.1:\(port.port)/x")!
        _ = await failure(of: HTTPRequest(method: .get, url: url), on: client)

        #expect(handler.entries.map(\.message) == ["sending request", "request failed"])
        #expect(handler.entries.last?.metadata["http.error"] == "connection-refused")
    }
}

/// `hello, vault\n` compressed with gzip.
private let gzippedHello: [UInt8] = [
    0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0xD7,
    0x51, 0x28, 0x4B, 0x2C, 0xCD, 0x29, 0xE1, 0x02, 0x00, 0x7F, 0x33, 0x5D, 0x57, 0x0D, 0x00, 0x00,
    0x00,
]
