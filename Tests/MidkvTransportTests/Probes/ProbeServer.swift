import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport

/// The Azure host names the probe tests use; only ever reached through a loopback redirect.
enum AzureNames {
    static let vault = "kv-contoso-disc.vault.azure.net"
    static let login = "login.microsoftonline.com"
    static let tenant = "11111111-2222-3333-4444-555555555555"
}

/// Runs `body` against a started HTTPServer on 127.0.0.1 that treats every connection with
/// `action` (serves them unless given), then stops the server on a thread of its own.
func withProbeServer<Value: Sendable>(
    tls: HTTPServer.Configuration.TLSMode,
    action: HTTPServer.ConnectionAction? = nil,
    handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in .text(200, "ok") },
    _ body: (HTTPServer, Int) async throws -> Value
) async throws -> Value {
    let policy: (@Sendable (HTTPServer.ConnectionInfo) -> HTTPServer.ConnectionAction)? = action.map { action in
        { @Sendable _ in action }
    }
    let configuration = HTTPServer.Configuration(
        endpoints: [.tcp(host: "127.0.0.1", port: 0)],
        tls: tls,
        connectionPolicy: policy
    )
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()

    do {
        let value = try await body(server, Int(server.tcpPort ?? 0))
        try await onDedicatedThread { server.stop() }
        return value
    } catch {
        try? await onDedicatedThread { server.stop() }
        throw error
    }
}

/// Routing that sends every probe to `port` on 127.0.0.1.
func redirect(to port: Int) -> ProbeRouting {
    NetworkGuard.confineToLoopback()
    return ProbeRouting(connectTo: "127.0.0.1:\(port)")
}

/// Routing confined to loopback without a redirect.
func confined() -> ProbeRouting {
    NetworkGuard.confineToLoopback()
    return ProbeRouting(loopbackOnly: true)
}
