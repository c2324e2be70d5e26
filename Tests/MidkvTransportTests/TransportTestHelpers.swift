import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport

/// A client confined to loopback (per client and for the whole test process).
func makeClient(
    logger: Logger = .disabled,
    _ configure: (inout TransportConfiguration) -> Void = { _ in }
) -> CurlHTTPClient {
    NetworkGuard.confineToLoopback()
    var configuration = TransportConfiguration(loopbackOnly: true, userAgent: "midkv-test/1.0")
    configure(&configuration)
    return CurlHTTPClient(configuration: configuration, logger: logger)
}

/// The transport error `send` threw, or `nil` when it returned a response.
func failure(of request: HTTPRequest, on client: CurlHTTPClient) async -> TransportError? {
    do {
        _ = try await client.send(request)
        return nil
    } catch {
        return error as? TransportError
    }
}

/// A GET for `path` on `server`.
func get(_ server: ScriptedSocketServer, _ path: String = "/") -> HTTPRequest {
    HTTPRequest(method: .get, url: URL(string: path, relativeTo: server.baseURL)!.absoluteURL)
}

/// `200 OK` with a short text body.
let okResponse = ScriptedSocketServer.response(
    status: 200,
    headers: [("Content-Type", "text/plain")],
    body: Data("ok".utf8)
)
