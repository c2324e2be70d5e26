import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport

/// A fresh test root CA, saved as a PEM file a client can trust.
struct TLSFixture {
    let authority: CertificateAuthority
    let directory: TemporaryDirectory
    let caFile: String

    init(commonName: String = "midkv Test Root CA") throws {
        authority = try CertificateAuthority(commonName: commonName, organization: "midkv tests")
        directory = try TemporaryDirectory(prefix: "midkv-transport-tls")
        caFile = try directory.write("ca.pem", authority.certificatePEM)
    }

    /// A server identity for `127.0.0.1` and `localhost` unless other names are given.
    func identity(
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        notAfter: Date = Date().addingTimeInterval(86_400)
    ) throws -> TLSIdentity {
        try authority.issueServerIdentity(dnsNames: dnsNames, ipAddresses: ipAddresses, notAfter: notAfter)
    }
}

/// Runs `body` against a started TLS server on 127.0.0.1 presenting `identity`, then stops the
/// server on a thread of its own.
func withTLSServer<Value: Sendable>(
    _ identity: TLSIdentity,
    _ body: (HTTPServer, Int) async throws -> Value
) async throws -> Value {
    let configuration = HTTPServer.Configuration(
        endpoints: [.tcp(host: "127.0.0.1", port: 0)],
        tls: .required(identity)
    )
    let server = HTTPServer(configuration: configuration, handler: describeRequest)
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

/// Answers with the request's method, target, Host header and TLS server name.
@Sendable func describeRequest(_ request: HTTPServerRequest) -> HTTPServerResponse {
    let host = request.headers["Host"] ?? "-"
    let serverName = request.serverName ?? "-"
    return .text(200, "\(request.method) \(request.target) host=\(host) sni=\(serverName)")
}
