import COpenSSL
import Foundation
import MidkvCrypto
import MidkvHTTPServer
import Testing

@Suite("HTTP server: TLS")
struct HTTPServerTLSTests {
    private static let vaultHost = "kv-contoso.vault.azure.net"

    private static func authority() throws -> (CertificateAuthority, TLSIdentity) {
        let authority = try CertificateAuthority(commonName: "midkv Test Root CA")
        let identity = try authority.issueServerIdentity(
            dnsNames: ["*.vault.azure.net", "localhost"],
            ipAddresses: ["127.0.0.1"]
        )
        return (authority, identity)
    }

    @Test("a verifying client gets the CA's certificate, and the handler sees TLS and SNI")
    func verifiedHandshake() async throws {
        let (authority, identity) = try Self.authority()
        try await TestServer.run(TestServer.loopback(tls: .required(identity))) { _, port in
            let client = try TestClient(port: port)
            let handshake = client.startTLS(serverName: Self.vaultHost, caPEM: authority.certificatePEM)
            try client.send("GET /secrets/db HTTP/1.1\r\nHost: \(Self.vaultHost)\r\n\r\n")

            #expect(handshake.succeeded)
            #expect(handshake.verifyResult == Int(X509_V_OK))
            #expect(try client.readResponse().text == "GET /secrets/db tls=true sni=\(Self.vaultHost) body=")
        }
    }

    @Test("a client checking a name the certificate lacks fails verification")
    func wrongName() async throws {
        let (authority, identity) = try Self.authority()
        try await TestServer.run(TestServer.loopback(tls: .required(identity))) { _, port in
            let client = try TestClient(port: port)
            let handshake = client.startTLS(serverName: "wrongname.local", caPEM: authority.certificatePEM)

            #expect(!handshake.succeeded)
            #expect(handshake.verifyResult == Int(X509_V_ERR_HOSTNAME_MISMATCH))
        }
    }

    @Test("plain HTTP on a TLS-only port gets no HTTP answer, and the server keeps serving")
    func plainOnTLSPort() async throws {
        let (authority, identity) = try Self.authority()
        try await TestServer.run(TestServer.loopback(tls: .required(identity))) { _, port in
            let plain = try TestClient(port: port)
            try plain.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(!String(decoding: try plain.receiveAll(), as: UTF8.self).hasPrefix("HTTP/"))

            let client = try TestClient(port: port)
            #expect(client.startTLS(serverName: "localhost", caPEM: authority.certificatePEM).succeeded)
        }
    }

    @Test("detect mode serves plain HTTP and TLS on one port")
    func detect() async throws {
        let (authority, identity) = try Self.authority()
        try await TestServer.run(TestServer.loopback(tls: .detect(identity))) { _, port in
            let plain = try TestClient(port: port)
            try plain.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n")
            let secure = try TestClient(port: port)
            #expect(secure.startTLS(serverName: "localhost", caPEM: authority.certificatePEM).succeeded)
            try secure.send("GET /secure HTTP/1.1\r\nHost: localhost\r\n\r\n")

            #expect(try plain.readResponse().text == "GET /plain tls=false sni=- body=")
            #expect(try secure.readResponse().text == "GET /secure tls=true sni=localhost body=")
        }
    }

    @Test("a new identity is presented to new connections while open ones keep working")
    func switchIdentity() async throws {
        let (authority, identity) = try Self.authority()
        let inspector = try CertificateAuthority(commonName: "Corporate Inspection CA", organization: "Contoso")
        let intercepted = try inspector.issueServerIdentity(dnsNames: ["*.vault.azure.net"])

        try await TestServer.run(TestServer.loopback(tls: .required(identity))) { server, port in
            let before = try TestClient(port: port)
            let first = before.startTLS(serverName: Self.vaultHost, caPEM: authority.certificatePEM)
            try server.setTLSIdentity(intercepted)

            let after = try TestClient(port: port)
            let second = after.startTLS(
                serverName: Self.vaultHost,
                caPEM: authority.certificatePEM,
                requireTrust: false
            )
            let issuer = try CertificateInfo.parse(pem: try #require(second.peerCertificatePEM))[0].issuer

            #expect(
                try CertificateInfo.parse(pem: try #require(first.peerCertificatePEM))[0].issuer
                    == "CN=midkv Test Root CA"
            )
            #expect(issuer == "CN=Corporate Inspection CA,O=Contoso")
            #expect(second.verifyResult == Int(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN))
            try before.send("GET /still HTTP/1.1\r\nHost: \(Self.vaultHost)\r\n\r\n")
            #expect(try before.readResponse().statusLine == "HTTP/1.1 200 OK")
        }
    }

    @Test("setting an identity on a plain server or a broken identity throws tls-setup")
    func identityErrors() async throws {
        let (_, identity) = try Self.authority()
        let broken = TLSIdentity(certificateChainPEM: "not PEM", privateKeyPEM: identity.privateKeyPEM)

        try await TestServer.run(TestServer.loopback()) { server, _ in
            let error = #expect(throws: HTTPServerError.self) { try server.setTLSIdentity(identity) }
            #expect(error?.code == .tlsSetup)
        }
        try await TestServer.run(TestServer.loopback(tls: .required(identity))) { server, _ in
            let error = #expect(throws: HTTPServerError.self) { try server.setTLSIdentity(broken) }
            #expect(error?.code == .tlsSetup)
            #expect(error?.description.contains("PRIVATE KEY") == false)
        }
    }
}
