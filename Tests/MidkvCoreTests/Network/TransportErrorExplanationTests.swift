import MidkvCore
import MidkvTransport
import Testing

@Suite("Transport errors explained for a hop")
struct TransportErrorExplanationTests {
    @Test(
        "each kind of transport failure maps to its network code",
        arguments: [
            (TransportError.Kind.dnsFailure, "network.dns"),
            (.proxyUnresolved, "network.proxy"),
            (.connectionRefused, "network.refused"),
            (.connectTimeout, "network.timeout"),
            (.readTimeout, "network.timeout"),
            (.connectionReset, "network.reset"),
            (.emptyReply, "network.reset"),
            (.tlsUntrusted, "network.tls-untrusted"),
            (.tlsHostnameMismatch, "network.tls-hostname-mismatch"),
            (.tlsHandshake, "network.tls-failed"),
            (.proxyFailure, "network.proxy"),
            (.nonLoopbackBlocked, "network.non-loopback-blocked"),
            (.insecureURL, "network.insecure-url"),
            (.invalidURL, "network.failed"),
            (.cancelled, "network.failed"),
            (.other, "network.failed"),
        ]
    )
    func codes(kind: TransportError.Kind, code: String) {
        let failure = TransportError(kind: kind, host: "kv-contoso-disc.vault.azure.net", port: 443, detail: "detail")

        let error = failure.explained(for: .vaultHost)

        #expect(error.code.rawValue == code)
        #expect(error.message.contains("kv-contoso-disc.vault.azure.net:443"))
        #expect(error.evidence("host") == "kv-contoso-disc.vault.azure.net")
        #expect(error.evidence("hop") == "the Key Vault host")
    }

    @Test("a reset to a vault host names egress and TLS inspection, with the socket facts as evidence")
    func resetToVault() {
        let failure = TransportError(
            kind: .connectionReset,
            host: "kv-contoso-disc.vault.azure.net",
            port: 443,
            curlCode: 35,
            osErrno: 104,
            remoteAddress: "20.38.0.10",
            detail: "Recv failure: Connection reset by peer"
        )

        let error = failure.explained(for: .vaultHost)

        #expect(error.code == .networkReset)
        #expect(error.evidence("errno") == "104 (ECONNRESET)")
        #expect(error.evidence("curl code") == "35")
        #expect(error.evidence("address") == "20.38.0.10")
        #expect(error.evidence("transport detail") == "Recv failure: Connection reset by peer")
        #expect(error.fix.contains("Allow outbound HTTPS (TCP 443) from the MID Server host to the vault host"))
        #expect(error.fix.contains("exempt kv-contoso-disc.vault.azure.net and the login host from inspection"))
    }

    @Test("an untrusted certificate points at a TLS-inspecting proxy and never suggests turning verification off")
    func untrusted() {
        let failure = TransportError(
            kind: .tlsUntrusted,
            host: "login.microsoftonline.com",
            port: 443,
            curlCode: 60,
            tlsVerifyResult: 19,
            detail: "SSL certificate problem: self-signed certificate in certificate chain"
        )

        let error = failure.explained(for: .tokenHost)

        #expect(error.code == .networkTLSUntrusted)
        #expect(error.evidence("TLS verify result") == "19 (self-signed certificate in certificate chain)")
        #expect(error.cause?.contains("TLS-inspecting proxy") == true)
        #expect(error.fix.contains("midkv doctor"))
        #expect(error.fix.contains("Do not turn off certificate verification"))
        #expect(error.message.contains("the Entra ID token endpoint"))
    }

    @Test("a refused proxy CONNECT shows the proxy's status")
    func proxyStatus() {
        let failure = TransportError(
            kind: .proxyFailure,
            host: "kv-contoso-disc.vault.azure.net",
            port: 443,
            curlCode: 56,
            proxyStatus: 403,
            detail: "CONNECT tunnel failed, response 403"
        )

        let error = failure.explained(for: .vaultHost)

        #expect(error.code == .networkProxy)
        #expect(error.evidence("proxy CONNECT status") == "403")
        #expect(error.message.contains("it answered 403 to CONNECT"))
    }

    @Test("an IPv6 address is written in brackets before its port")
    func ipv6Endpoint() {
        let failure = TransportError(kind: .connectionRefused, host: "::1", port: 8443, osErrno: 111, detail: "refused")

        let error = failure.explained(for: .vaultHost)

        #expect(error.message == "The connection was refused talking to the Key Vault host at [::1]:8443")
        #expect(error.cause?.hasPrefix("Nothing listens on [::1]:8443,") == true)
    }

    @Test(
        "a proxy that cannot be reached is blamed, not the vault host behind it",
        arguments: [TransportError.Kind.connectionRefused, .connectTimeout]
    )
    func proxyUnreachable(kind: TransportError.Kind) {
        let failure = TransportError(
            kind: kind,
            host: "kv-contoso-disc.vault.azure.net",
            port: 443,
            curlCode: kind == .connectionRefused ? 7 : 28,
            proxyAddress: "proxy.contoso.local:3128",
            detail: "Failed to connect to proxy.contoso.local port 3128"
        )

        let error = failure.explained(for: .vaultHost)

        #expect(error.code == .networkProxy)
        #expect(error.message.hasPrefix("The proxy proxy.contoso.local:3128 "))
        #expect(error.evidence("proxy") == "proxy.contoso.local:3128")
        #expect(error.fix.hasPrefix("Check mid.proxy.host and mid.proxy.port"))
    }

    @Test(
        "nothing answering at IMDS means this is not an Azure VM",
        arguments: [
            TransportError(
                kind: .connectionRefused,
                host: "169.254.169.254",
                port: 80,
                osErrno: 111,
                detail: "refused"
            ),
            TransportError(kind: .connectTimeout, host: "169.254.169.254", port: 80, osErrno: 110, detail: "timeout"),
            TransportError(kind: .readTimeout, host: "169.254.169.254", port: 80, detail: "timeout"),
            TransportError(kind: .other, host: "169.254.169.254", port: 80, osErrno: 101, detail: "unreachable"),
            TransportError(kind: .other, host: "169.254.169.254", port: 80, osErrno: 113, detail: "no route"),
        ]
    )
    func imdsAbsent(failure: TransportError) {
        let error = failure.explained(for: .imds)

        #expect(error.code == .networkIMDSUnreachable)
        #expect(error.cause?.contains("not an Azure VM") == true)
        #expect(error.fix.contains("Configure a client secret"))
    }

    @Test("the same refusal on the vault hop stays a refusal")
    func refusedElsewhere() {
        let failure = TransportError(
            kind: .connectionRefused,
            host: "127.0.0.1",
            port: 8443,
            osErrno: 111,
            detail: "refused"
        )

        #expect(failure.explained(for: .vaultHost).code == .networkRefused)
        #expect(failure.explained(for: .appServiceIdentity).code == .networkRefused)
    }

    @Test("a reset on the IMDS hop is a reset, not an absent IMDS")
    func imdsReset() {
        let failure = TransportError(
            kind: .connectionReset,
            host: "169.254.169.254",
            port: 80,
            osErrno: 104,
            detail: "reset"
        )

        #expect(failure.explained(for: .imds).code == .networkReset)
    }
}
