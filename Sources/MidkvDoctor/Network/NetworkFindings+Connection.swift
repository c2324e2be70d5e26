import MidkvCore
import MidkvTransport

extension NetworkFindings {
    /// Why the TCP connection to `report`'s host failed.
    func tcpFinding(for report: HopReport, connection: TCPProbeResult?) -> Finding {
        let tcp =
            connection ?? TCPProbeResult(host: report.hop.host, address: "", port: report.hop.port, outcome: .failed)
        let endpoint = Endpoint.text(tcp.address, tcp.port)
        var evidence = [Evidence("address", endpoint)]
        if let error = tcp.osError {
            evidence.append(Evidence("errno", error.description))
        }

        let hop = report.hop
        let allow =
            "Allow outbound TCP to \(hop.host) port \(hop.port) from this MID Server, or configure the proxy "
            + "your network requires (mid.proxy.host and mid.proxy.port)."
        switch tcp.outcome {
        case .refused:
            let cause = "Nothing accepts connections there, or a firewall rejects them actively."
            return finding(
                .networkRefused,
                report,
                "\(hop) refused the connection (\(endpoint))",
                evidence: evidence,
                cause: cause,
                fix: allow
            )
        case .timedOut:
            let message = "No answer from \(hop) within \(Seconds.text(configuration.timeBox)) (\(endpoint))"
            let cause = "A firewall drops the connection attempts silently, or the address is not routed from here."
            return finding(.networkTimeout, report, message, evidence: evidence, cause: cause, fix: allow)
        case .unreachable:
            let cause =
                "This machine has no route to that address (no default route, or IPv6 without IPv6 connectivity)."
            return finding(
                .networkFailed,
                report,
                "No route from this machine to \(hop) (\(endpoint))",
                evidence: evidence,
                cause: cause,
                fix: allow
            )
        case .reset:
            let cause = "A firewall or middlebox resets connections to this destination."
            return finding(
                .networkReset,
                report,
                "The connection to \(hop) was reset while it was being made",
                evidence: evidence,
                cause: cause,
                fix: allow
            )
        case .blocked:
            return blockedConnection(report, address: tcp.address, evidence: evidence)
        case .failed, .connected:
            let message = "Connecting to \(hop) failed: \(TCPFacts.describe(tcp))"
            return finding(.networkFailed, report, message, evidence: evidence, cause: nil, fix: allow)
        }
    }

    func blockedConnection(_ report: HopReport, address: String, evidence: [Evidence]) -> Finding {
        let message = "Connecting to \(address) for \(report.hop.host) was refused: midkv is confined to loopback"
        let fix = "Set the connect-to address to the loopback emulator, or run without loopback confinement."
        return finding(.networkNonLoopbackBlocked, report, message, evidence: evidence, cause: nil, fix: fix)
    }

    // MARK: - Proxy

    /// The proxy itself could not be reached; the same finding for every hop that needs it.
    func proxyUnreachable(_ report: HopReport) -> Finding {
        let proxy = proxyText
        var evidence = [Evidence("proxy", proxy)]
        let reason: String
        if let tcp = report.facts.tcp {
            reason = TCPFacts.describe(tcp)
            evidence.append(Evidence("address", Endpoint.text(tcp.address, tcp.port)))
            evidence += tcp.osError.map { [Evidence("errno", $0.description)] } ?? []
        } else {
            let dns = report.facts.dns
            reason = "its name does not resolve (\(dns.map { DNSFacts.describe($0.outcome) } ?? "no lookup"))"
            evidence.append(Evidence("resolver answer", dns?.failureText ?? reason))
        }

        return Finding(
            check: NetworkCheck.checkName,
            severity: .error,
            code: .networkProxy,
            message: "The proxy \(proxy) cannot be reached: \(reason)",
            evidence: evidence,
            cause: "Every request that goes through the proxy fails before it leaves this machine.",
            fix:
                "Check mid.proxy.host and mid.proxy.port, and that the proxy runs and accepts connections "
                + "from this machine."
        )
    }

    /// The proxy did not open a tunnel to `report`'s host.
    func tunnelRefused(_ report: HopReport, _ result: ProxyProbeResult?) -> Finding {
        let proxy = proxyText
        var evidence = [Evidence("proxy", proxy)]
        guard let result, let reply = result.reply else {
            let phrase = result.map { ProxyFacts.describe($0.outcome) } ?? "no answer"
            let message = "The proxy \(proxy) did not answer the CONNECT for \(report.hop): \(phrase)"
            let fix = "Check that \(proxy) is an HTTP proxy that supports CONNECT."
            return finding(
                .networkProxy,
                report,
                message,
                evidence: evidence + [Evidence("answer", phrase)],
                cause: nil,
                fix: fix
            )
        }

        evidence.append(Evidence("proxy status", reply.statusLine))
        switch reply.status {
        case 407:
            return authenticationRequired(report, reply: reply, evidence: evidence)
        case 403:
            let message = "The proxy \(proxy) refuses tunnels to \(report.hop) (\(reply.status) \(reply.reason))"
            let cause = "The proxy's rules do not allow this destination."
            let fix =
                "Ask the proxy's administrators to allow CONNECT to \(report.hop) "
                + "(for Key Vault, *.vault.azure.net:443)."
            return finding(.networkProxy, report, message, evidence: evidence, cause: cause, fix: fix)
        default:
            let message =
                "The proxy \(proxy) could not open a tunnel to \(report.hop) (\(reply.status) \(reply.reason))"
            let cause = "The proxy could not resolve or reach the destination itself."
            let fix = "Check that the proxy can resolve and reach \(report.hop.host); ask its administrators."
            return finding(.networkProxy, report, message, evidence: evidence, cause: cause, fix: fix)
        }
    }

    private func authenticationRequired(_ report: HopReport, reply: ProxyReply, evidence: [Evidence]) -> Finding {
        let schemes =
            reply.authenticationSchemes.isEmpty
            ? "no scheme named" : reply.authenticationSchemes.joined(separator: ", ")
        var evidence = evidence + [Evidence("proxy authentication", schemes)]
        let message = "The proxy \(proxyText) requires authentication (407) before it opens a tunnel to \(report.hop)"

        guard let username = configuration.proxy?.username else {
            let fix =
                "Set mid.proxy.username and mid.proxy.password to an account the proxy accepts (it offers \(schemes))."
            return finding(
                .networkProxy,
                report,
                message,
                evidence: evidence,
                cause: "No proxy credentials are configured.",
                fix: fix
            )
        }

        evidence.append(Evidence("proxy user", username))
        var fix = "Check mid.proxy.username and mid.proxy.password."
        if !reply.authenticationSchemes.contains(where: { $0.lowercased() == "basic" }) {
            fix +=
                " The proxy offers only \(schemes), and the credentials are sent as Basic: ask for an account "
                + "the proxy accepts with Basic, or for an exemption for \(report.hop.host)."
        }
        let cause = "The proxy rejected the configured user \(username)."
        return finding(.networkProxy, report, message, evidence: evidence, cause: cause, fix: fix)
    }

    var proxyText: String {
        guard let proxy = configuration.proxy else {
            return "-"
        }
        return Endpoint.text(proxy.host, proxy.port)
    }
}
