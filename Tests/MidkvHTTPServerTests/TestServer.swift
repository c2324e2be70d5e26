import Foundation
import MidkvHTTPServer
import MidkvTestSupport

/// Starts servers on 127.0.0.1 with an OS-chosen port for a test, and stops them afterwards.
enum TestServer {
    /// A configuration for one loopback TCP endpoint.
    static func loopback(
        tls: HTTPServer.Configuration.TLSMode = .off,
        limits: HTTPServer.Configuration.Limits = .init(),
        policy: (@Sendable (HTTPServer.ConnectionInfo) -> HTTPServer.ConnectionAction)? = nil
    ) -> HTTPServer.Configuration {
        HTTPServer.Configuration(
            endpoints: [.tcp(host: "127.0.0.1", port: 0)],
            tls: tls,
            limits: limits,
            connectionPolicy: policy
        )
    }

    /// Runs `body` on a dedicated thread with a started server, then stops it.
    static func run<Value: Sendable>(
        _ configuration: HTTPServer.Configuration,
        handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse = echo,
        _ body: @escaping @Sendable (HTTPServer, UInt16) throws -> Value
    ) async throws -> Value {
        try await onDedicatedThread {
            let server = HTTPServer(configuration: configuration, handler: handler)
            try server.start()
            defer { server.stop() }

            return try body(server, server.tcpPort ?? 0)
        }
    }

    /// Answers with the method, path, TLS facts and body it received.
    @Sendable static func echo(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let facts = "\(request.method) \(request.path) tls=\(request.isTLS) sni=\(request.serverName ?? "-")"
        return .text(200, facts + " body=" + String(decoding: request.body, as: UTF8.self))
    }
}
