import Foundation
import MidkvCore
import MidkvCrypto
import MidkvDoctor
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("network check")
struct NetworkCheckTests {
    @Test("every hop passes against the stand-in, each with an ok finding and its timings")
    func allHopsPass() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }

        let report = try await withAzureStandIn(try pki.identity()) { port in
            let configuration = try redirected(to: port, pki: pki) { $0.checksIMDS = true }
            return await NetworkCheck(configuration: configuration).run()
        }

        #expect(report.findings.map(\.code) == [.networkReachable, .networkReachable, .networkReachable])
        #expect(report.findings.allSatisfy { $0.severity == .ok })
        let vault = try #require(report.finding(.networkReachable, host: Azure.vault))
        #expect(vault.message == "\(Azure.vault):443 is reachable directly; Key Vault answered with its challenge")
        #expect(vault.evidence("vault tenant") == Azure.tenant)
        #expect(vault.evidence("http status") == "401")
        #expect(vault.evidence("root") == "CN=midkv Emulator Root CA,O=midkv tests")
        #expect(vault.evidence("tls time")?.hasSuffix(" ms") == true)
        #expect(vault.evidence("address")?.hasPrefix("127.0.0.1:") == true)
        let imds = try #require(report.hop(Azure.imds))
        #expect(imds.step(.tls)?.skipReason == "the metadata service speaks plain HTTP")
        #expect(imds.facts.imds?.presence == .present)
    }

    @Test("a chain re-signed by an inspection CA is tls-intercepted, naming the issuer, with the two fixes")
    func intercepted() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let inspection = try TestPKI.inspectionAuthority()

        let report = try await withAzureStandIn(try pki.identity(authority: inspection)) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki) { $0.tokenHost = nil }).run()
        }

        let finding = try #require(report.finding(.networkTLSIntercepted, host: Azure.vault))
        #expect(finding.severity == .error)
        #expect(
            finding.message
                == "TLS traffic to \(Azure.vault):443 is intercepted: the certificate was issued by Contoso Outbound "
                + "Inspection CA, not under a root Azure uses"
        )
        #expect(finding.evidence("issuer") == "CN=Contoso Outbound Inspection CA,O=Contoso")
        #expect(finding.evidence("root") == "CN=Contoso Outbound Inspection CA,O=Contoso")
        #expect(finding.evidence("verify result") == "19 (self-signed certificate in certificate chain)")
        let fix = try #require(finding.fix)
        #expect(fix.contains("exempt *.vault.azure.net and the login host from TLS inspection"))
        #expect(fix.contains("wrapper-override.conf with -Djavax.net.ssl.trustStore="))
        #expect(!fix.lowercased().contains("disable"))
        #expect(report.hop(Azure.vault)?.step(.http)?.skipReason == "the certificate chain was not accepted")
    }

    @Test("an inspection CA this machine trusts is still reported, as a warning")
    func interceptedButTrustedHere() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let inspection = try TestPKI.inspectionAuthority()
        let bundle = try pki.directory.write("bundle.pem", pki.root.certificatePEM + inspection.certificatePEM)

        let report = try await withAzureStandIn(try pki.identity(authority: inspection)) { port in
            let configuration = try redirected(to: port, pki: pki) { $0.caFile = bundle }
            return await NetworkCheck(configuration: configuration).run()
        }

        let finding = try #require(report.finding(.networkTLSIntercepted, host: Azure.vault))
        #expect(finding.severity == .warning)
        #expect(finding.cause?.contains("This machine trusts that CA, but the MID Server's Java runtime") == true)
        #expect(finding.fix?.contains("exempt *.vault.azure.net and login.microsoftonline.com") == true)
        #expect(report.hop(Azure.vault)?.step(.http)?.status == .passed)
    }

    @Test("an expired certificate is tls-untrusted with verify result 10 and its expiry")
    func expired() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let identity = try pki.identity(notAfter: Date().addingTimeInterval(-60))

        let report = try await withAzureStandIn(identity) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki) { $0.tokenHost = nil }).run()
        }

        let finding = try #require(report.finding(.networkTLSUntrusted, host: Azure.vault))
        #expect(
            finding.message == "The certificate chain of \(Azure.vault):443 is not trusted: certificate has expired"
        )
        #expect(finding.evidence("verify result") == "10 (certificate has expired)")
        #expect(finding.cause?.hasPrefix("The certificate presented for \(Azure.vault) expired on ") == true)
    }

    @Test("a certificate for other names is tls-hostname-mismatch, listing the names it has")
    func hostnameMismatch() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let identity = try pki.identity(names: ["kv-fabrikam.vault.azure.net"])

        let report = try await withAzureStandIn(identity) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki) { $0.tokenHost = nil }).run()
        }

        let finding = try #require(report.finding(.networkTLSHostnameMismatch, host: Azure.vault))
        #expect(finding.message == "The certificate presented for \(Azure.vault):443 does not name \(Azure.vault)")
        #expect(finding.evidence("certificate names") == "DNS:kv-fabrikam.vault.azure.net")
        #expect(finding.evidence("verify result") == "62 (hostname mismatch)")
    }

    @Test("the expected root missing from the trust store is tls-untrusted, not intercepted")
    func rootMissingFromStore() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }

        let report = try await withAzureStandIn(try pki.identity()) { port in
            let configuration = try redirected(to: port, pki: pki) {
                $0.tokenHost = nil
                $0.caFile = nil
            }
            return await NetworkCheck(configuration: configuration).run()
        }

        let finding = try #require(report.finding(.networkTLSUntrusted, host: Azure.vault))
        #expect(
            finding.cause
                == "The chain ends at CN=midkv Emulator Root CA,O=midkv tests, but the certificates midkv trusts "
                + "here (the system trust store) do not include it."
        )
        #expect(report.findings(.networkTLSIntercepted).isEmpty)
    }

    @Test("plain HTTP on the TLS port is tls-failed, quoting the answer")
    func plainHTTPOnTLSPort() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let answer = ScriptedSocketServer.response(status: 400, reason: "Bad Request")
        let server = try ScriptedSocketServer(.replyToFirstBytes(answer))
        defer { server.stop() }

        let configuration = try redirected(to: server.port, pki: pki) { $0.tokenHost = nil }
        let report = await NetworkCheck(configuration: configuration).run()

        let finding = try #require(report.finding(.networkTLSFailed, host: Azure.vault))
        #expect(finding.message == "\(Azure.vault):443 does not speak TLS: it answered \"HTTP/1.1 400 Bad Request\"")
        #expect(report.hop(Azure.vault)?.step(.http)?.skipReason == "the TLS handshake failed")
    }

    @Test("an answer that is not Key Vault's challenge is network.protocol with the status")
    func notKeyVault() async throws {
        let pki = try TestPKI()
        defer { pki.directory.remove() }
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            .text(403, "Access to this site is blocked", headers: HTTPHeaders([("Server", "BlueCoat")]))
        }

        let report = try await withAzureStandIn(try pki.identity(), handler: handler) { port in
            await NetworkCheck(configuration: try redirected(to: port, pki: pki) { $0.tokenHost = nil }).run()
        }

        let finding = try #require(report.finding(.networkProtocol, host: Azure.vault))
        #expect(finding.evidence("http status") == "403")
        #expect(finding.evidence("server") == "BlueCoat")
    }
}
