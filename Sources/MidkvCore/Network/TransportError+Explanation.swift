import MidkvTransport

extension TransportError {
    /// This failure as a ``MidkvError`` for `hop`, with evidence, a cause and a fix for a MID
    /// Server administrator.
    ///
    /// The code follows the kind of failure (`network.dns`, `network.refused`,
    /// `network.timeout`, `network.reset`, `network.tls-untrusted`,
    /// `network.tls-hostname-mismatch`, `network.tls-failed`, `network.proxy`,
    /// `network.non-loopback-blocked`, `network.insecure-url`, `network.failed`). For the IMDS
    /// hop, a refused, timed-out or unreachable connection is `network.imds-unreachable`: the
    /// host is not an Azure VM.
    public func explained(for hop: NetworkHop) -> MidkvError {
        let explanation = hop == .imds && isIMDSAbsence ? Self.imdsAbsent : explanation(for: hop)
        return MidkvError(
            explanation.code,
            "\(explanation.summary) talking to \(hop.displayName) at \(endpoint)",
            evidence: evidence(for: hop),
            cause: explanation.cause,
            fix: explanation.fix,
            underlying: self
        )
    }

    /// `host:port`, with an IPv6 address in brackets (`[::1]:8443`).
    private var endpoint: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether the failure means nothing answers at the IMDS address at all.
    private var isIMDSAbsence: Bool {
        switch kind {
        case .connectionRefused, .connectTimeout, .readTimeout:
            true
        case .other:
            osErrno == Self.networkUnreachable || osErrno == Self.hostUnreachable
        default:
            false
        }
    }

    private func evidence(for hop: NetworkHop) -> [Evidence] {
        var items = [
            Evidence("hop", hop.displayName),
            Evidence("host", host),
            Evidence("port", "\(port)"),
            Evidence("failure", kind.rawValue),
        ]
        if let remoteAddress {
            items.append(Evidence("address", remoteAddress))
        }
        if let curlCode {
            items.append(Evidence("curl code", "\(curlCode)"))
        }
        if let osErrno {
            items.append(Evidence("errno", Self.errnoText(osErrno)))
        }
        if let tlsVerifyResult {
            items.append(Evidence("TLS verify result", Self.verifyText(tlsVerifyResult)))
        }
        if let proxyStatus {
            items.append(Evidence("proxy CONNECT status", "\(proxyStatus)"))
        }
        if let proxyAddress {
            items.append(Evidence("proxy", proxyAddress))
        }
        items.append(Evidence("transport detail", detail))
        return items
    }
}

// MARK: - Explanations

extension TransportError {
    /// The code, the summary, and the cause and fix for one failure.
    struct Explanation {
        var code: ErrorCode
        var summary: String
        var cause: String
        var fix: String

        /// The error this explanation describes, with a different summary and evidence.
        func error(evidence: [Evidence], summary: String) -> MidkvError {
            MidkvError(code, summary, evidence: evidence, cause: cause, fix: fix)
        }
    }

    static let networkUnreachable: Int32 = 101
    static let hostUnreachable: Int32 = 113

    static let imdsAbsent = Explanation(
        code: .networkIMDSUnreachable,
        summary: "Nothing answered",
        cause: """
            The instance metadata service exists only inside Azure virtual machines. This host \
            is not an Azure VM, or a host firewall blocks 169.254.169.254.
            """,
        fix: """
            Managed identity cannot work on this MID Server host. Configure a client secret \
            (tenant ID, client ID and secret value of an app registration) instead, or run the \
            MID Server on an Azure VM that has a managed identity.
            """
    )

    private func explanation(for hop: NetworkHop) -> Explanation {
        guard let proxyAddress else {
            return kindExplanation(for: hop)
        }
        return proxyUnreachableExplanation(proxyAddress)
    }

    private func kindExplanation(for hop: NetworkHop) -> Explanation {
        switch kind {
        case .dnsFailure: dnsExplanation(hop)
        case .connectionRefused: refusedExplanation(hop)
        case .connectTimeout, .readTimeout: timeoutExplanation(hop)
        case .connectionReset, .emptyReply: resetExplanation(hop)
        case .tlsUntrusted: untrustedExplanation(hop)
        case .tlsHostnameMismatch: hostnameExplanation(hop)
        case .tlsHandshake: handshakeExplanation(hop)
        case .proxyFailure, .proxyUnresolved: proxyExplanation(hop)
        case .nonLoopbackBlocked: loopbackExplanation()
        case .insecureURL: insecureExplanation()
        case .invalidURL, .cancelled, .other: otherExplanation(hop)
        }
    }

    private func dnsExplanation(_ hop: NetworkHop) -> Explanation {
        Explanation(
            code: .networkDNS,
            summary: "The host name \(host) does not resolve",
            cause: """
                The name is misspelt (for a vault: the vault name in the configuration), or the \
                MID Server's DNS resolver cannot see it (private DNS zone, split-horizon DNS, \
                resolver down).
                """,
            fix: """
                Check the spelling of \(host). Then run `nslookup \(host)` on the MID Server host; \
                if it fails there too, fix the resolver or add the private DNS zone.
                """
        )
    }

    private func refusedExplanation(_ hop: NetworkHop) -> Explanation {
        Explanation(
            code: .networkRefused,
            summary: "The connection was refused",
            cause: """
                Nothing listens on \(endpoint), or a firewall actively rejects the \
                connection. A wrong port or an endpoint override pointing at the wrong place is \
                another common cause.
                """,
            fix: "Check the URL for \(hop.displayName), then \(hop.egressAdvice)."
        )
    }

    private func timeoutExplanation(_ hop: NetworkHop) -> Explanation {
        let phase = kind == .connectTimeout ? "The connection did not complete in time" : "No answer arrived in time"
        return Explanation(
            code: .networkTimeout,
            summary: phase,
            cause: """
                A firewall silently drops the traffic, egress requires a proxy that is not \
                configured, or the service is slow to answer.
                """,
            fix: "\(hop.egressFix), or configure the proxy the network requires."
        )
    }

    private func resetExplanation(_ hop: NetworkHop) -> Explanation {
        Explanation(
            code: .networkReset,
            summary: kind == .emptyReply
                ? "The server closed the connection without answering" : "The connection was reset",
            cause: """
                Something between the MID Server and \(host) cut the connection: an egress \
                firewall or IPS that does not allow this host, or a proxy that inspects TLS. A \
                single reset that a retry fixes is usually a stale pooled connection.
                """,
            fix: """
                \(hop.egressFix). If a \
                proxy inspects TLS, exempt \(host) and the login host from inspection, or trust \
                the proxy's CA.
                """
        )
    }

    private func untrustedExplanation(_ hop: NetworkHop) -> Explanation {
        Explanation(
            code: .networkTLSUntrusted,
            summary: "The server's certificate is not trusted",
            cause: """
                Usually a TLS-inspecting proxy re-signs the traffic with a corporate CA that this \
                host does not trust. Azure's own certificates chain to DigiCert or Microsoft roots.
                """,
            fix: """
                Exempt \(host) from TLS inspection, or add the proxy's CA to the trust store midkv \
                uses. `midkv doctor` names the certificate's issuer. Do not turn off certificate \
                verification.
                """
        )
    }

    private func hostnameExplanation(_ hop: NetworkHop) -> Explanation {
        Explanation(
            code: .networkTLSHostnameMismatch,
            summary: "The certificate does not name \(host)",
            cause: """
                The connection reached a different server than intended: an endpoint override or \
                hosts-file entry pointing elsewhere, or a proxy answering with its own certificate.
                """,
            fix: """
                Check the URL and any hosts-file or DNS override for \(host). `midkv doctor` shows \
                which names the certificate carries. Do not turn off certificate verification.
                """
        )
    }

    private func handshakeExplanation(_ hop: NetworkHop) -> Explanation {
        Explanation(
            code: .networkTLSFailed,
            summary: "The TLS handshake failed",
            cause: """
                The server did not speak TLS on this port (for example plain HTTP), or a \
                middlebox interfered with the handshake.
                """,
            fix: "Check that the URL for \(hop.displayName) uses the right scheme and port, then \(hop.egressAdvice)."
        )
    }

    private func proxyExplanation(_ hop: NetworkHop) -> Explanation {
        let status = proxyStatus.map { " (it answered \($0) to CONNECT)" } ?? ""
        let managedIdentityNote =
            hop.isManagedIdentity
            ? " Managed identity endpoints must never go through a proxy."
            : ""
        return Explanation(
            code: .networkProxy,
            summary: kind == .proxyUnresolved
                ? "The proxy host does not resolve" : "The proxy refused the connection\(status)",
            cause: """
                The configured proxy is unreachable, rejects \(host), or requires authentication \
                that is not configured.\(managedIdentityNote)
                """,
            fix: """
                Check the proxy host, port and credentials, and ask the proxy's owner to allow \
                \(endpoint); or add \(host) to the no-proxy list if it is reachable directly.
                """
        )
    }

    private func proxyUnreachableExplanation(_ proxy: String) -> Explanation {
        let failure = kind == .connectionRefused ? "refused the connection" : "could not be reached"
        return Explanation(
            code: .networkProxy,
            summary: "The proxy \(proxy) \(failure)",
            cause: """
                Nothing listens at the proxy's address, or a firewall blocks this host from it; \
                the request never got as far as \(host).
                """,
            fix: """
                Check mid.proxy.host and mid.proxy.port (or --proxy, https_proxy) against the \
                proxy's address, and that the proxy runs; or add \(host) to no_proxy if it is \
                reachable directly.
                """
        )
    }

    private func loopbackExplanation() -> Explanation {
        Explanation(
            code: .networkNonLoopbackBlocked,
            summary: "The connection was blocked because it leaves this machine",
            cause: "midkv is confined to loopback addresses (emulator or test mode), and \(host) is not one.",
            fix: "Point every URL at the local emulator, or run without the loopback-only setting."
        )
    }

    private func insecureExplanation() -> Explanation {
        Explanation(
            code: .networkInsecureURL,
            summary: "A plain http:// URL was refused",
            cause: "Tokens and secrets may only travel over HTTPS to hosts other than this machine.",
            fix: "Use an https:// URL for \(host)."
        )
    }

    private func otherExplanation(_ hop: NetworkHop) -> Explanation {
        Explanation(
            code: .networkFailed,
            summary: kind == .cancelled ? "The request was cancelled" : "The request failed",
            cause: "The transport reported: \(detail)",
            fix: "Check the URL for \(hop.displayName), then \(hop.egressAdvice)."
        )
    }
}

// MARK: - Names for numbers

extension TransportError {
    private static let errnoNames: [Int32: String] = [
        1: "EPERM", 13: "EACCES", 32: "EPIPE", 101: "ENETUNREACH", 103: "ECONNABORTED",
        104: "ECONNRESET", 110: "ETIMEDOUT", 111: "ECONNREFUSED", 113: "EHOSTUNREACH",
    ]

    private static let verifyNames: [Int: String] = [
        2: "unable to get issuer certificate",
        10: "certificate has expired",
        18: "self-signed certificate",
        19: "self-signed certificate in certificate chain",
        20: "unable to get local issuer certificate",
        21: "unable to verify the first certificate",
        62: "hostname mismatch",
    ]

    static func errnoText(_ number: Int32) -> String {
        errnoNames[number].map { "\(number) (\($0))" } ?? "\(number)"
    }

    static func verifyText(_ result: Int) -> String {
        verifyNames[result].map { "\(result) (\($0))" } ?? "\(result)"
    }
}
