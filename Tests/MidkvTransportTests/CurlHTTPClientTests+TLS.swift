import Foundation
import Glibc
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

extension CurlHTTPClientTests {
    @Test("https to a server whose CA is in caFile succeeds and reuses the connection")
    func trustedViaCAFile() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let client = makeClient { $0.caFile = pki.caFile }
        defer { client.shutdown() }

        let (first, second, accepted) = try await withTLSServer(try pki.identity()) { server, port in
            let url = URL(string: "https://127.0.0.1:\(port)/secrets/db?api-version=7.4")!
            let first = try await client.send(HTTPRequest(method: .get, url: url))
            let second = try await client.send(HTTPRequest(method: .get, url: url))
            return (first, second, server.statistics.connectionsAccepted)
        }

        #expect(first.status == 200)
        #expect(String(decoding: first.body, as: UTF8.self).hasPrefix("GET /secrets/db?api-version=7.4 "))
        #expect(second.status == 200)
        #expect(accepted == 1)
    }

    @Test("a certificate from another CA is reported as tls-untrusted with OpenSSL's verify result")
    func untrustedCA() async throws {
        let trusted = try TLSFixture()
        let other = try TLSFixture(commonName: "Corporate Inspection CA")
        defer {
            trusted.directory.remove()
            other.directory.remove()
        }
        let client = makeClient { $0.caFile = trusted.caFile }
        defer { client.shutdown() }

        let error = try await withTLSServer(try other.identity()) { _, port in
            let url = URL(string: "https://127.0.0.1:\(port)/")!
            return await failure(of: HTTPRequest(method: .get, url: url), on: client)
        }

        #expect(error?.kind == .tlsUntrusted)
        #expect(error?.curlCode == 60)
        #expect([19, 20].contains(error?.tlsVerifyResult))
    }

    @Test("without caFile the system store applies, which does not trust a test CA")
    func systemStoreByDefault() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let client = makeClient()
        defer { client.shutdown() }

        let error = try await withTLSServer(try pki.identity()) { _, port in
            let url = URL(string: "https://127.0.0.1:\(port)/")!
            return await failure(of: HTTPRequest(method: .get, url: url), on: client)
        }

        #expect(error?.kind == .tlsUntrusted)
    }

    @Test("an expired certificate is reported as tls-untrusted with verify result 10")
    func expiredCertificate() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let client = makeClient { $0.caFile = pki.caFile }
        defer { client.shutdown() }

        let expired = try pki.identity(notAfter: Date().addingTimeInterval(-60))
        let error = try await withTLSServer(expired) { _, port in
            let url = URL(string: "https://127.0.0.1:\(port)/")!
            return await failure(of: HTTPRequest(method: .get, url: url), on: client)
        }

        #expect(error?.kind == .tlsUntrusted)
        #expect(error?.tlsVerifyResult == 10)
    }

    @Test("a certificate for other names is reported as tls-hostname-mismatch")
    func hostnameMismatch() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }

        let identity = try pki.identity(dnsNames: ["login.microsoftonline.com"], ipAddresses: [])
        let error = try await withTLSServer(identity) { _, port in
            let client = makeClient {
                $0.caFile = pki.caFile
                $0.connectTo = "127.0.0.1:\(port)"
            }
            defer { client.shutdown() }

            let url = URL(string: "https://kv-test.vault.azure.net/secrets/db")!
            return await failure(of: HTTPRequest(method: .get, url: url), on: client)
        }

        #expect(error?.kind == .tlsHostnameMismatch)
        #expect(error?.curlCode == 60)
        #expect(error?.host == "kv-test.vault.azure.net")
    }

    @Test("connect-to reaches a real-looking vault name presented by a *.vault.azure.net certificate")
    func connectToWithRealHostName() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }

        let identity = try pki.identity(dnsNames: ["*.vault.azure.net"], ipAddresses: [])
        let response = try await withTLSServer(identity) { _, port in
            let client = makeClient {
                $0.caFile = pki.caFile
                $0.connectTo = "127.0.0.1:\(port)"
            }
            defer { client.shutdown() }

            let url = URL(string: "https://kv-test.vault.azure.net/secrets/db?api-version=7.4")!
            return try await client.send(HTTPRequest(method: .get, url: url))
        }

        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200)
        #expect(response.remoteAddress == "127.0.0.1")
        #expect(text == "GET /secrets/db?api-version=7.4 host=kv-test.vault.azure.net sni=kv-test.vault.azure.net")
    }

    @Test("https goes through the CONNECT proxy to a trusted server")
    func httpsThroughProxy() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }

        let identity = try pki.identity(dnsNames: ["*.vault.azure.net"], ipAddresses: [])
        let (response, lines) = try await withTLSServer(identity) { _, port in
            let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: port))
            let client = makeClient {
                $0.caFile = pki.caFile
                $0.proxy = .init(host: proxy.host, port: proxy.port)
            }
            defer {
                client.shutdown()
                proxy.stop()
            }

            let url = URL(string: "https://kv-test.vault.azure.net/secrets/db")!
            return (try await client.send(HTTPRequest(method: .get, url: url)), proxy.connectLines)
        }

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).hasSuffix("sni=kv-test.vault.azure.net"))
        #expect(lines == ["CONNECT kv-test.vault.azure.net:443 HTTP/1.1"])
    }

    @Test("an intercepting proxy's certificate is reported as tls-untrusted")
    func interceptionThroughProxy() async throws {
        let trusted = try TLSFixture()
        let inspection = try TLSFixture(commonName: "Corporate Inspection CA")
        defer {
            trusted.directory.remove()
            inspection.directory.remove()
        }

        let identity = try inspection.identity(dnsNames: ["*.vault.azure.net"], ipAddresses: [])
        let error = try await withTLSServer(identity) { _, port in
            let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: port))
            let client = makeClient {
                $0.caFile = trusted.caFile
                $0.proxy = .init(host: proxy.host, port: proxy.port)
            }
            defer {
                client.shutdown()
                proxy.stop()
            }

            let url = URL(string: "https://kv-test.vault.azure.net/secrets/db")!
            return await failure(of: HTTPRequest(method: .get, url: url), on: client)
        }

        #expect(error?.kind == .tlsUntrusted)
        #expect(error?.tlsVerifyResult == 19)
        #expect(error?.proxyStatus == 200)
    }

    @Test("an unreadable caFile fails the request instead of falling back to the system store")
    func missingCAFile() async throws {
        let pki = try TLSFixture()
        defer { pki.directory.remove() }
        let client = makeClient { $0.caFile = pki.directory.path("missing.pem") }
        defer { client.shutdown() }

        let error = try await withTLSServer(try pki.identity()) { _, port in
            let url = URL(string: "https://127.0.0.1:\(port)/")!
            return await failure(of: HTTPRequest(method: .get, url: url), on: client)
        }

        #expect(error?.kind == .tlsHandshake)
        #expect(error?.curlCode == 77)
    }

    @Test("a reset during the TLS handshake is reported as connection-reset")
    func resetDuringHandshake() async throws {
        let server = try ScriptedSocketServer(.resetAfterFirstBytes)
        let client = makeClient()
        defer { client.shutdown() }

        let url = URL(string: "https://127.0.0.1:\(server.port)/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .connectionReset)
        #expect(error.curlCode == 35)
        #expect(error.osErrno == ECONNRESET)
        #expect(server.requests.first?.bytes.first == 0x16)
    }

    @Test("a plain HTTP answer on a TLS port is reported as tls-handshake")
    func plainHTTPOnTLSPort() async throws {
        let server = try ScriptedSocketServer(.replyToFirstBytes(okResponse))
        let client = makeClient()
        defer { client.shutdown() }

        let url = URL(string: "https://127.0.0.1:\(server.port)/")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        #expect(error.kind == .tlsHandshake)
        #expect(error.curlCode == 35)
    }

    @Test("connect-to keeps the real host name as the TLS server name")
    func connectToKeepsServerName() async throws {
        let server = try ScriptedSocketServer(.resetAfterFirstBytes)
        let client = makeClient { $0.connectTo = "127.0.0.1:\(server.port)" }
        defer { client.shutdown() }

        let url = URL(string: "https://kv-test.vault.azure.net/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        let hello = try #require(server.requests.first?.bytes)
        #expect(error.kind == .connectionReset)
        #expect(error.host == "kv-test.vault.azure.net")
        #expect(hello.firstRange(of: Data("kv-test.vault.azure.net".utf8)) != nil)
    }

    @Test("https through the proxy asks the proxy for the host name and never resolves it")
    func proxyTunnelKeepsHostName() async throws {
        let server = try ScriptedSocketServer(.resetAfterFirstBytes)
        let proxy = try ConnectProxy(mode: .tunnel(upstreamPort: server.port))
        let client = makeClient { $0.proxy = .init(host: proxy.host, port: proxy.port) }
        defer { client.shutdown() }

        let url = URL(string: "https://kv-test.vault.azure.net/secrets/db")!
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url), on: client))

        // The proxy ends the tunnel with a normal close when the server resets it.
        #expect(error.kind == .tlsHandshake)
        #expect(proxy.connectLines == ["CONNECT kv-test.vault.azure.net:443 HTTP/1.1"])
        #expect(server.requests.first?.bytes.firstRange(of: Data("kv-test.vault.azure.net".utf8)) != nil)
    }
}
