import Foundation
import Glibc
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension CurlHTTPClientTests {
    @Test("a closed port is reported as connection-refused with errno 111")
    func refused() async throws {
        let port = try ReservedPort()
        let client = makeClient()
        defer { client.shutdown() }

        let url = URL(string: "http://127.0.0.1:\(port.port)/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .connectionRefused)
        #expect(error.curlCode == 7)
        #expect(error.osErrno == ECONNREFUSED)
        #expect(error.host == "127.0.0.1")
        #expect(error.port == port.port)
        #expect(error.remoteAddress == "127.0.0.1")
    }

    @Test(
        "a reset before, after or in the middle of the answer is reported as connection-reset",
        arguments: [
            ScriptedSocketServer.Behaviour.resetOnAccept,
            .resetAfterRequest,
            .partialThenReset(Data("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"value\":\"par".utf8)),
        ]
    )
    func reset(behaviour: ScriptedSocketServer.Behaviour) async throws {
        let server = try ScriptedSocketServer(behaviour)
        let client = makeClient()
        defer { client.shutdown() }

        let error = try #require(await failure(of: get(server, "/secrets/db"), on: client))

        #expect(error.kind == .connectionReset)
        #expect([7, 55, 56].contains(error.curlCode))
        #expect(error.osErrno == ECONNRESET || error.osErrno == EPIPE)
    }

    @Test("a connection closed without an answer is reported as empty-reply")
    func emptyReply() async throws {
        let server = try ScriptedSocketServer(.closeWithoutReply)
        let client = makeClient()
        defer { client.shutdown() }

        let error = try #require(await failure(of: get(server), on: client))

        #expect(error.kind == .emptyReply)
        #expect(error.curlCode == 52)
    }

    @Test("a server that never answers is reported as read-timeout")
    func readTimeout() async throws {
        let server = try ScriptedSocketServer(.hang)
        let client = makeClient()
        defer { client.shutdown() }

        var request = get(server)
        request.timeout = .seconds(1)
        let error = try #require(await failure(of: request, on: client))

        #expect(error.kind == .readTimeout)
        #expect(error.curlCode == 28)
    }

    @Test("a port whose accept queue is full is reported as connect-timeout")
    func connectTimeout() async throws {
        let blackhole = try BlackholeListener()
        let client = makeClient { $0.connectTimeout = .milliseconds(500) }
        defer { client.shutdown() }

        let url = URL(string: "http://127.0.0.1:\(blackhole.port)/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .connectTimeout)
        #expect(error.curlCode == 28)
    }

    // MARK: - Connect-to redirection

    @Test("connect-to sends a request for the managed identity address to the server, Host kept")
    func connectToRedirects() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient { $0.connectTo = "127.0.0.1:\(server.port)" }
        defer { client.shutdown() }

        let url = URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!
        let response = try await client.send(HTTPRequest(method: .get, url: url))

        #expect(response.status == 200)
        #expect(response.remoteAddress == "127.0.0.1")
        #expect(server.requests.first?.header("Host") == "169.254.169.254")
    }

    @Test("connect-to leaves URLs whose host is already loopback alone")
    func connectToSkipsLoopback() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let unused = try ReservedPort()
        let client = makeClient { $0.connectTo = "127.0.0.1:\(unused.port)" }
        defer { client.shutdown() }

        let url = URL(string: "http://localhost:\(server.port)/msi/token")!
        let response = try await client.send(HTTPRequest(method: .get, url: url))

        #expect(response.status == 200)
        #expect(server.requests.first?.header("Host") == "localhost:\(server.port)")
    }

    @Test("connect-to accepts an IPv6 loopback address")
    func connectToIPv6() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse), host: "::1")
        let client = makeClient { $0.connectTo = "[::1]:\(server.port)" }
        defer { client.shutdown() }

        let url = URL(string: "http://169.254.169.254/")!
        let response = try await client.send(HTTPRequest(method: .get, url: url))

        #expect(response.status == 200)
        #expect(response.remoteAddress == "::1")
    }

    @Test("connect-to does not make plain http to a real host name acceptable")
    func connectToStillRefusesPlainHTTP() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient { $0.connectTo = "127.0.0.1:\(server.port)" }
        defer { client.shutdown() }

        let url = URL(string: "http://kv-test.vault.azure.net/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .insecureURL)
        #expect(error.host == "kv-test.vault.azure.net")
        #expect(server.connectionCount == 0)
    }

    @Test("a malformed connect-to address is refused before connecting")
    func malformedConnectTo() async throws {
        let server = try ScriptedSocketServer(.respond(okResponse))
        let client = makeClient { $0.connectTo = "127.0.0.1" }
        defer { client.shutdown() }

        let url = URL(string: "http://169.254.169.254/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .other)
        #expect(server.connectionCount == 0)
    }

    // MARK: - URL checks

    @Test(
        "plain http to a host that is not loopback is refused as insecure",
        arguments: [
            "http://kv-contoso.vault.azure.net/secrets/db", "http://login.microsoftonline.com/t/oauth2/v2.0/token",
        ]
    )
    func insecureURL(text: String) async throws {
        let client = makeClient()
        defer { client.shutdown() }

        let error = try #require(await failure(of: HTTPRequest(method: .get, url: URL(string: text)!), on: client))

        #expect(error.kind == .insecureURL)
        #expect(error.port == 80)
        #expect(error.curlCode == nil)
    }

    @Test(
        "a URL that is not http or https, or carries credentials, is invalid",
        arguments: [
            SensitiveArgument("ftp URL", "ftp://127.0.0.1/x"),
            SensitiveArgument("URL with a password", "http://svc:CANARY-pw@127.0.0.1/x"),
            SensitiveArgument("file URL", "file:///etc/hosts"),
        ]
    )
    func invalidURL(argument: SensitiveArgument<String>) async throws {
        let text = argument.value
        let client = makeClient()
        defer { client.shutdown() }

        let error = try #require(await failure(of: HTTPRequest(method: .get, url: URL(string: text)!), on: client))

        #expect(error.kind == .invalidURL)
        #expect(!error.description.contains("CANARY"))
    }
}
