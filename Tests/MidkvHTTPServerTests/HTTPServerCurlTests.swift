import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("HTTP server: the system curl as a client")
struct HTTPServerCurlTests {
    private static let curl = "/usr/bin/curl"

    @Test(
        "curl verifies the certificate, sends SNI and a 100-continue body, and gets the answer",
        .enabled(if: FileManager.default.isExecutableFile(atPath: curl))
    )
    func curlUpload() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(dnsNames: ["*.vault.azure.net"])
        let caPath = try folder.write("ca.pem", authority.certificatePEM)
        let bodyPath = try folder.write("body.json", String(repeating: "x", count: 2000))

        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            .text(201, "\(request.body.count) \(request.headers["Expect"] ?? "-") \(request.serverName ?? "-")")
        }
        let output = try await TestServer.run(TestServer.loopback(tls: .required(identity)), handler: handler) {
            _,
            port in
            try Self.runCurl([
                "-sS", "--noproxy", "*", "--cacert", caPath,
                "--resolve", "kv-contoso.vault.azure.net:\(port):127.0.0.1",
                "-H", "Content-Type: application/json", "-H", "Expect: 100-continue", "--data-binary", "@\(bodyPath)",
                "-w", " %{http_code}",
                "https://kv-contoso.vault.azure.net:\(port)/secrets/db",
            ])
        }

        #expect(output == "2000 100-continue kv-contoso.vault.azure.net 201")
    }

    private static func runCurl(_ arguments: [String]) throws -> String {
        let child = try ChildProcess(executable: curl, arguments: arguments, environment: ["PATH": "/usr/bin:/bin"])
        return String(decoding: child.finish().stdout, as: UTF8.self)
    }
}
