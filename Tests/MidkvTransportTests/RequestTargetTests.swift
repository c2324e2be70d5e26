import Foundation
import Testing

@testable import MidkvTransport

@Suite("RequestTarget")
struct RequestTargetTests {
    @Test(
        "plain http is allowed for loopback and link-local hosts only",
        arguments: [
            ("127.0.0.1", true), ("127.45.6.7", true), ("::1", true), ("localhost", true), ("LocalHost", true),
            ("169.254.169.254", true), ("169.254.0.1", true), ("::ffff:127.0.0.1", true),
            ("10.0.0.1", false), ("192.168.1.20", false), ("169.255.0.1", false), ("fe80::1", false),
            ("::ffff:10.0.0.1", false), ("kv-contoso.vault.azure.net", false), ("localhost.evil.example", false),
        ]
    )
    func plainHTTPHosts(host: String, allowed: Bool) {
        #expect(RequestTarget.allowsPlainHTTP(host) == allowed)
    }

    @Test("the URL's parts are split out, with default ports and the path without the query")
    func parts() throws {
        let secure = try RequestTarget(
            url: URL(string: "https://kv-contoso.vault.azure.net/secrets/db?api-version=7.4")!
        )
        let plain = try RequestTarget(url: URL(string: "http://[::1]:8080/metadata/identity?x=1")!)

        #expect(secure.host == "kv-contoso.vault.azure.net")
        #expect(secure.port == 443)
        #expect(secure.path == "/secrets/db")
        #expect(plain.host == "::1")
        #expect(plain.port == 8080)
        #expect(plain.path == "/metadata/identity")
    }

    @Test("http without an explicit port defaults to 80")
    func defaultHTTPPort() throws {
        let target = try RequestTarget(url: URL(string: "http://169.254.169.254/metadata/identity/oauth2/token")!)
        #expect(target.port == 80)
    }
}
