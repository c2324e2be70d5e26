import Foundation
import Glibc
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("TLS probe")
struct TLSProbeTests {
    @Test("a trusted server completes with its chain, verify result 0 and the protocol")
    func trusted() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let identity = try pki.identity(dnsNames: [AzureNames.vault], ipAddresses: [])

        let result = try await withProbeServer(tls: .required(identity)) { _, port in
            let probe = TLSProbe(routing: redirect(to: port), trust: .caFile(pki.caFile))
            return await probe.probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(10)
            )
        }

        #expect(result.outcome == .completed)
        #expect(result.verification == TLSVerification(code: 0, text: "ok"))
        #expect(result.chain.map(\.subject) == ["CN=\(AzureNames.vault)", "CN=midkv Test Root CA,O=midkv tests"])
        #expect(result.verifiedChain.last?.subject == "CN=midkv Test Root CA,O=midkv tests")
        #expect(result.protocolVersion == "TLSv1.3")
        #expect(result.connection?.isRedirected == true)
        #expect(result.port == 443)
    }

    @Test("the ClientHello names the real host, not the redirect address")
    func sendsServerName() async throws {
        let server = try ScriptedSocketServer(.resetAfterFirstBytes)
        defer { server.stop() }

        _ = await TLSProbe(routing: redirect(to: server.port)).probe(
            serverName: AzureNames.login,
            address: "127.0.0.1",
            port: 443,
            timeBox: .seconds(10)
        )

        let hello = try #require(server.requests.first).bytes
        #expect(hello.first == 0x16)
        #expect(hello.firstRange(of: Data(AzureNames.login.utf8)) != nil)
    }

    @Test("against the system store a private CA's chain is read anyway, with verify result 19")
    func untrustedChainIsStillRead() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let identity = try pki.identity(dnsNames: [AzureNames.vault], ipAddresses: [])

        let result = try await withProbeServer(tls: .required(identity)) { _, port in
            let probe = TLSProbe(routing: redirect(to: port), trust: .systemStore)
            return await probe.probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(10)
            )
        }

        #expect(result.outcome == .completed)
        #expect(result.verification?.code == TLSVerification.selfSignedInChain)
        #expect(result.verification?.text == "self-signed certificate in certificate chain")
        #expect(result.chain.count == 2)
    }

    @Test("an expired certificate gives verify result 10")
    func expired() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let identity = try pki.identity(
            dnsNames: [AzureNames.vault],
            ipAddresses: [],
            notAfter: Date().addingTimeInterval(-60)
        )

        let result = try await withProbeServer(tls: .required(identity)) { _, port in
            let probe = TLSProbe(routing: redirect(to: port), trust: .caFile(pki.caFile))
            return await probe.probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(10)
            )
        }

        #expect(result.verification == TLSVerification(code: 10, text: "certificate has expired"))
    }

    @Test("a certificate for another name gives verify result 62")
    func hostnameMismatch() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let identity = try pki.identity(dnsNames: ["kv-fabrikam.vault.azure.net"], ipAddresses: [])

        let result = try await withProbeServer(tls: .required(identity)) { _, port in
            let probe = TLSProbe(routing: redirect(to: port), trust: .caFile(pki.caFile))
            return await probe.probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(10)
            )
        }

        #expect(result.verification == TLSVerification(code: 62, text: "hostname mismatch"))
        #expect(result.chain.first?.subjectAltNames == ["DNS:kv-fabrikam.vault.azure.net"])
    }

    @Test("a reset after the ClientHello is resetDuringHandshake with ECONNRESET")
    func resetDuringHandshake() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }

        let result = try await withProbeServer(
            tls: .required(try pki.identity()),
            action: .resetDuringHandshake
        ) { _, port in
            await TLSProbe(routing: redirect(to: port)).probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(10)
            )
        }

        #expect(result.outcome == .resetDuringHandshake)
        #expect(result.osError == SocketErrno(ECONNRESET))
        #expect(result.connection?.outcome == .connected)
    }

    @Test("a reset right after accept shows as a reset, while connecting or during the handshake")
    func resetOnAccept() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }

        let result = try await withProbeServer(tls: .required(try pki.identity()), action: .reset) { _, port in
            await TLSProbe(routing: redirect(to: port)).probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(10)
            )
        }

        // Whether the reset overtakes the connect or the ClientHello depends on the kernel's timing.
        if result.outcome == .connectFailed {
            #expect(result.connection?.outcome == .reset)
        } else {
            #expect(result.outcome == .resetDuringHandshake)
            #expect([SocketErrno(ECONNRESET), SocketErrno(EPIPE)].contains(result.osError))
        }
    }

    @Test("a plain HTTP server on the port is notTLS, quoting its answer")
    func plainHTTP() async throws {
        let answer = ScriptedSocketServer.response(status: 400, reason: "Bad Request", body: Data("bad".utf8))
        let server = try ScriptedSocketServer(.replyToFirstBytes(answer))
        defer { server.stop() }

        let result = await TLSProbe(routing: redirect(to: server.port)).probe(
            serverName: AzureNames.vault,
            address: "127.0.0.1",
            port: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .notTLS("HTTP/1.1 400 Bad Request"))
    }

    @Test("a server that never answers the ClientHello times out")
    func hang() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }

        let result = try await withProbeServer(
            tls: .required(try pki.identity()),
            action: .hang(.seconds(30))
        ) { _, port in
            await TLSProbe(routing: redirect(to: port)).probe(
                serverName: AzureNames.vault,
                address: "127.0.0.1",
                port: 443,
                timeBox: .seconds(1)
            )
        }

        #expect(result.outcome == .timedOut)
    }

    @Test("a server that reads the ClientHello and closes is closed")
    func closed() async throws {
        let server = try ScriptedSocketServer(.replyToFirstBytes(Data()))
        defer { server.stop() }

        let result = await TLSProbe(routing: redirect(to: server.port)).probe(
            serverName: AzureNames.vault,
            address: "127.0.0.1",
            port: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .closed)
    }

    @Test("nothing listening is connectFailed with the refused TCP attempt")
    func refused() async throws {
        let reserved = try ReservedPort()

        let result = await TLSProbe(routing: redirect(to: reserved.port)).probe(
            serverName: AzureNames.vault,
            address: "127.0.0.1",
            port: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .connectFailed)
        #expect(result.connection?.outcome == .refused)
    }

    @Test("an outside address is blocked by the loopback guard before any connection")
    func blocked() async {
        let result = await TLSProbe(routing: confined()).probe(
            serverName: AzureNames.vault,
            address: "203.0.113.10",
            port: 443,
            timeBox: .seconds(10)
        )

        #expect(result.outcome == .connectFailed)
        #expect(result.connection?.outcome == .blocked)
        #expect(result.chain.isEmpty)
    }

    @Test("an unreadable CA file is trustUnavailable, naming the file")
    func missingCAFile() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }

        let result = try await withProbeServer(tls: .required(try pki.identity())) { _, port in
            let probe = TLSProbe(routing: redirect(to: port), trust: .caFile("/nonexistent/midkv/ca.pem"))
            return await probe.probe(serverName: AzureNames.vault, address: "", port: 443, timeBox: .seconds(10))
        }

        guard case .trustUnavailable(let text) = result.outcome else {
            Issue.record("expected trustUnavailable, got \(result.outcome)")
            return
        }
        #expect(text.hasPrefix("the CA file /nonexistent/midkv/ca.pem could not be read"))
    }
}
