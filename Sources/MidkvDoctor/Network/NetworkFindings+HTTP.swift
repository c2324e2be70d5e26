import MidkvCore
import MidkvSupport
import MidkvTransport

extension NetworkFindings {
    /// Why the HTTP step failed: no answer, or an answer that is not the service's.
    func httpFinding(for report: HopReport, among reports: [HopReport]) -> Finding {
        guard let http = report.facts.http else {
            return finding(
                .networkFailed,
                report,
                "The HTTP request to \(report.hop) did not run",
                evidence: [],
                cause: nil,
                fix: ""
            )
        }

        guard let failure = http.failure else {
            return wrongService(report, http: http)
        }
        return transportFinding(report, failure: failure, among: reports)
    }

    private func wrongService(_ report: HopReport, http: HTTPProbeResult) -> Finding {
        let status = http.status.map { String($0) } ?? "-"
        var evidence = [Evidence("http status", status)]
        for name in ["Server", "Via", "Content-Type"] {
            if let value = http.headers[name] {
                evidence.append(Evidence(name.lowercased(), value))
            }
        }

        let message =
            "\(report.hop) answered HTTP \(status), not Key Vault's challenge (401 with WWW-Authenticate: Bearer)"
        let cause =
            "Something answers in Key Vault's place: a proxy's block page, a captive portal, or a host that is "
            + "not a key vault."
        let fix = "Check the proxy and firewall rules for \(report.hop.host), and that the vault name is right."
        return finding(.networkProtocol, report, message, evidence: evidence, cause: cause, fix: fix)
    }

    private func transportFinding(_ report: HopReport, failure: TransportError, among reports: [HopReport]) -> Finding {
        let hop = report.hop
        let evidence =
            [Evidence("failure", failure.detail)]
            + (failure.osErrno.map { [Evidence("errno", SocketErrno($0).description)] } ?? [])
        let allow = "Allow HTTPS to \(hop.host) on the egress firewall or proxy."

        if ResetCheck.isReset(failure) {
            return exchangeReset(report, evidence: evidence, among: reports)
        }

        switch failure.kind {
        case .connectionReset:
            return exchangeReset(report, evidence: evidence, among: reports)
        case .connectTimeout, .readTimeout:
            let message = "\(hop) did not answer the HTTP request within \(Seconds.text(configuration.timeBox))"
            return finding(.networkTimeout, report, message, evidence: evidence, cause: nil, fix: allow)
        case .emptyReply:
            let message = "\(hop) closed the connection without answering the HTTP request"
            let cause = "A middlebox ends the session once it sees the request, or the server is not the service."
            return finding(.networkProtocol, report, message, evidence: evidence, cause: cause, fix: allow)
        case .tlsUntrusted, .tlsHostnameMismatch, .tlsHandshake:
            let message = "The HTTP client's TLS handshake with \(hop) failed: \(failure.detail)"
            return finding(.networkTLSFailed, report, message, evidence: evidence, cause: nil, fix: allow)
        case .proxyFailure, .proxyUnresolved:
            let message = "The proxy \(proxyText) failed the HTTP client's request to \(hop): \(failure.detail)"
            return finding(.networkProxy, report, message, evidence: evidence, cause: nil, fix: allow)
        case .nonLoopbackBlocked:
            return blockedConnection(report, address: failure.remoteAddress ?? "-", evidence: evidence)
        case .connectionRefused:
            return finding(
                .networkRefused,
                report,
                "\(hop) refused the HTTP client's connection",
                evidence: evidence,
                cause: nil,
                fix: allow
            )
        case .dnsFailure:
            return finding(
                .networkDNS,
                report,
                "The HTTP client could not resolve \(hop.host)",
                evidence: evidence,
                cause: nil,
                fix: allow
            )
        case .insecureURL, .invalidURL, .cancelled, .other:
            let message = "The HTTP request to \(hop) failed: \(failure.detail)"
            return finding(.networkFailed, report, message, evidence: evidence, cause: nil, fix: allow)
        }
    }

    private func exchangeReset(_ report: HopReport, evidence: [Evidence], among reports: [HopReport]) -> Finding {
        var message =
            "The connection to \(report.hop) was reset during the HTTP exchange, after the TLS handshake had succeeded"
        var evidence = evidence
        if let neighbour = passedNeighbour(of: report, among: reports) {
            message += "; \(neighbour.hop.host) passed on the same path"
            evidence.append(Evidence("passed on the same path", neighbour.hop.host))
        }

        let cause =
            "A firewall, IPS or proxy inspects the traffic to this host and ends the session; it happened on two "
            + "attempts in a row."
        let fix = "Allow HTTPS to \(report.hop.host) on the egress firewall or proxy, including its inspection rules."
        return finding(.networkReset, report, message, evidence: evidence, cause: cause, fix: fix)
    }
}
