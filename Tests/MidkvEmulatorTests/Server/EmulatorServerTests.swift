import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Emulator server over loopback TLS and plain HTTP")
struct EmulatorServerTests {
    /// A started server with its CA written to a fresh folder; `stop` cleans up.
    struct Running {
        var server: EmulatorServer
        var folder: TemporaryDirectory
        var caFile: String

        init() throws {
            folder = try TemporaryDirectory(prefix: "midkv-emulator")
            caFile = folder.path("emulator-ca.pem")
            server = try EmulatorServer(emulator: try TestWorld.emulator(), caFile: caFile)
        }

        func stop() {
            server.stop()
            folder.remove()
        }

        func send(_ security: WireClient.Security, _ request: String) async throws -> WireClient.Response {
            let port = server.port
            return try await onDedicatedThread { try WireClient.send(port: port, security, request: request) }
        }
    }

    @Test("a client trusting the written CA file reaches the vault, the login host and back by real host names")
    func tlsRoundTrip() async throws {
        let running = try Running()
        defer { running.stop() }
        #expect(try String(contentsOfFile: running.caFile, encoding: .utf8) == running.server.caCertificatePEM)
        let vault = WireClient.Security.tls(host: TestWorld.vaultHost, caFile: running.caFile)
        let read = "/secrets/linux-root-ssh?api-version=7.4"

        let challenge = try await running.send(vault, WireClient.request("GET", read, host: TestWorld.vaultHost))
        #expect(challenge.status == 401)
        let challengeHeader = try #require(challenge.header("WWW-Authenticate"))
        #expect(challengeHeader.hasPrefix(#"Bearer authorization="https://login.windows.net/"#))
        #expect(challenge.issuer == EmulatorServer.caCommonName)

        let login = WireClient.Security.tls(host: "login.microsoftonline.com", caFile: running.caFile)
        let form = String(decoding: TestWorld.form(TestWorld.clientCredentials()), as: UTF8.self)
        let tokenRequest = WireClient.request(
            "POST",
            "/\(TestWorld.tenant)/oauth2/v2.0/token",
            host: "login.microsoftonline.com",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: form
        )
        let tokenAnswer = try await running.send(login, tokenRequest)
        let token = try #require(try tokenAnswer.json()["access_token"] as? String)

        let secret = try await running.send(
            vault,
            WireClient.request("GET", read, host: TestWorld.vaultHost, headers: [("Authorization", "Bearer \(token)")])
        )
        #expect(secret.status == 200)
        #expect(try secret.json()["value"] as? String == TestWorld.secretValue)
        let networkInfo = secret.header("x-ms-keyvault-network-info")
        #expect(networkInfo == "conn_type=Ipv4;addr=127.0.0.1;act_addr_fam=InterNetwork;")
    }

    @Test("the same port answers plain-HTTP IMDS requests")
    func plainIMDS() async throws {
        let running = try Running()
        defer { running.stop() }
        let target = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net"

        let answer = try await running.send(
            .plain,
            WireClient.request("GET", target, host: "169.254.169.254", headers: [("Metadata", "true")])
        )
        #expect(answer.status == 200)
        #expect(try answer.json()["client_id"] as? String == TestWorld.systemIdentityClientID)
    }

    @Test("the inspection switch presents another CA's chain, which a client trusting the emulator CA rejects")
    func inspectionCertificate() async throws {
        let running = try Running()
        defer { running.stop() }
        let request = WireClient.request("GET", "/secrets?api-version=7.4", host: TestWorld.vaultHost)
        let trusting = WireClient.Security.tls(host: TestWorld.vaultHost, caFile: running.caFile)

        running.server.setInspectionCertificate(true)
        await #expect(throws: WireClient.Failure.handshake(verifyResult: 19)) {
            try await running.send(trusting, request)
        }
        let unverified = try await running.send(.tls(host: TestWorld.vaultHost, caFile: nil), request)
        #expect(unverified.issuer == EmulatorServer.inspectionCACommonName)

        let inspectionFile = try running.folder.write("inspection-ca.pem", running.server.inspectionCACertificatePEM)
        let trustingInspector = try await running.send(.tls(host: TestWorld.vaultHost, caFile: inspectionFile), request)
        #expect(trustingInspector.status == 401)

        running.server.emulator.faults.clear()
        #expect(try await running.send(trusting, request).issuer == EmulatorServer.caCommonName)
    }

    @Test("a connection fault breaks the next connection only")
    func connectionFault() async throws {
        let running = try Running()
        defer { running.stop() }
        let request = WireClient.request("GET", "/secrets?api-version=7.4", host: TestWorld.vaultHost)
        let trusting = WireClient.Security.tls(host: TestWorld.vaultHost, caFile: running.caFile)
        running.server.emulator.faults.failConnections(.closeWithoutReply, next: 1)

        await #expect(throws: WireClient.Failure.noResponse) {
            try await running.send(trusting, request)
        }
        #expect(try await running.send(trusting, request).status == 401)
        #expect(running.server.emulator.faults.pendingConnectionFaults == 0)
    }

    @Test(
        "curl trusting the CA file reaches a vault host name through --connect-to",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"))
    )
    func curlRoundTrip() async throws {
        let running = try Running()
        defer { running.stop() }
        let arguments = [
            "--silent", "--show-error", "--noproxy", "*", "--cacert", running.caFile,
            "--connect-to", "::127.0.0.1:\(running.server.port)", "--write-out", "\n%{http_code}",
            "https://\(TestWorld.vaultHost)/secrets/linux-root-ssh?api-version=7.4",
        ]

        let output = try await Self.run("/usr/bin/curl", arguments)
        let lines = output.split(separator: "\n")
        #expect(lines.last == "401")
        #expect(output.contains("AKV10000: Request is missing a Bearer or PoP token."))
    }

    @Test("the server's certificate names every cloud's login and vault hosts")
    func certificateNames() {
        let names = Set(EmulatorServer.dnsNames)
        let expected: Set<String> = [
            "*.vault.azure.net", "login.microsoftonline.com", "login.windows.net", "login.microsoftonline.us",
            "*.vault.usgovcloudapi.net", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn",
            "*.vault.azure.cn", "login.microsoftonline.de", "*.vault.microsoftazure.de", "localhost",
        ]
        #expect(expected.isSubset(of: names))
    }

    private static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        let result = try await ChildProcess.run(executable: executable, arguments: arguments, environment: environment)
        return String(decoding: result.stdout + result.stderr, as: UTF8.self)
    }
}
