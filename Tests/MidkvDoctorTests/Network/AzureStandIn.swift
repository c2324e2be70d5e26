import Foundation
import MidkvCore
import MidkvCrypto
import MidkvDoctor
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Synchronization

/// Real Azure host names, only ever reached through a loopback redirect or a scripted resolver.
enum Azure {
    static let vault = "kv-contoso-disc.vault.azure.net"
    static let login = "login.microsoftonline.com"
    static let imds = "169.254.169.254"
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let challenge =
        "Bearer authorization=\"https://login.windows.net/\(tenant)\", resource=\"https://vault.azure.net\""
}

/// A test root CA saved as a PEM file, plus identities it or a second CA issues.
struct TestPKI {
    let root: CertificateAuthority
    let directory: TemporaryDirectory
    let caFile: String

    init() throws {
        root = try CertificateAuthority(commonName: "midkv Emulator Root CA", organization: "midkv tests")
        directory = try TemporaryDirectory(prefix: "midkv-doctor-network")
        caFile = try directory.write("ca.pem", root.certificatePEM)
    }

    /// The root, as the check expects it in redirect mode.
    var expectedRoots: [ExpectedRoot] {
        get throws { [ExpectedRoot(certificate: try root.certificateInfo())] }
    }

    /// An identity naming the Azure hosts, from the root unless another authority is given.
    func identity(
        names: [String] = [Azure.vault, Azure.login],
        authority: CertificateAuthority? = nil,
        notAfter: Date = Date().addingTimeInterval(86_400)
    ) throws -> TLSIdentity {
        try (authority ?? root).issueServerIdentity(dnsNames: names, notAfter: notAfter)
    }

    /// The CA that plays a TLS-inspecting proxy.
    static func inspectionAuthority() throws -> CertificateAuthority {
        try CertificateAuthority(commonName: "Contoso Outbound Inspection CA", organization: "Contoso")
    }
}

/// Answers as Key Vault, Entra ID and IMDS would to unauthenticated requests, routed by Host; TLS
/// and plain HTTP on one port.
@Sendable func azureAnswer(_ request: HTTPServerRequest) -> HTTPServerResponse {
    switch request.host {
    case Azure.vault:
        let headers = HTTPHeaders([("WWW-Authenticate", Azure.challenge)])
        return .json(
            401,
            ["error": ["code": "Unauthorized", "message": "AKV10000: Request is missing a Bearer"]],
            headers: headers
        )
    case Azure.login:
        return .json(200, ["issuer": "https://login.microsoftonline.com/{tenantid}/v2.0"])
    case Azure.imds:
        return .json(400, ["error": "invalid_request", "error_description": "Required metadata header not specified"])
    default:
        return .text(404, "unknown host")
    }
}

/// Counts accepted connections and picks each one's action from its number (1 for the first).
final class ConnectionScript: Sendable {
    private let count = Mutex(0)
    private let action: @Sendable (Int) -> HTTPServer.ConnectionAction

    init(_ action: @escaping @Sendable (Int) -> HTTPServer.ConnectionAction) {
        self.action = action
    }

    @Sendable func next(_ info: HTTPServer.ConnectionInfo) -> HTTPServer.ConnectionAction {
        let number = count.withLock { value in
            value += 1
            return value
        }
        return action(number)
    }
}

/// Runs `body` against a started stand-in presenting `identity`, then stops it on a thread of its own.
func withAzureStandIn<Value: Sendable>(
    _ identity: TLSIdentity,
    script: ConnectionScript? = nil,
    handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse = azureAnswer,
    _ body: (Int) async throws -> Value
) async throws -> Value {
    let configuration = HTTPServer.Configuration(
        endpoints: [.tcp(host: "127.0.0.1", port: 0)],
        tls: .detect(identity),
        connectionPolicy: script.map { script in script.next }
    )
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()

    do {
        let value = try await body(Int(server.tcpPort ?? 0))
        try await onDedicatedThread { server.stop() }
        return value
    } catch {
        try? await onDedicatedThread { server.stop() }
        throw error
    }
}

/// A check configuration confined to loopback and redirected to `port`.
func redirected(
    to port: Int,
    pki: TestPKI,
    _ adjust: (inout NetworkCheck.Configuration) -> Void = { _ in }
) throws -> NetworkCheck.Configuration {
    NetworkGuard.confineToLoopback()
    var configuration = NetworkCheck.Configuration(
        tokenHost: Azure.login,
        vaultHosts: [Azure.vault],
        caFile: pki.caFile,
        expectedRoots: try pki.expectedRoots,
        connectTo: "127.0.0.1:\(port)",
        loopbackOnly: true,
        timeBox: .seconds(10)
    )
    adjust(&configuration)
    return configuration
}

extension NetworkReport {
    /// The one finding about `host` with `code`, if there is exactly one.
    func finding(_ code: ErrorCode, host: String) -> Finding? {
        let matches = findings.filter { finding in
            finding.code == code && finding.evidence.contains { $0.label == "host" && $0.value == host }
        }
        return matches.count == 1 ? matches[0] : nil
    }
}

extension Finding {
    /// The value of the first evidence labelled `label`.
    func evidence(_ label: String) -> String? {
        evidence.first { $0.label == label }?.value
    }

    /// Every text the finding shows, for searching.
    var allText: String {
        ([message, cause ?? "", fix ?? ""] + evidence.map(\.description)).joined(separator: "\n")
    }
}
