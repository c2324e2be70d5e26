import Foundation
import MidkvCore
import MidkvCrypto
import MidkvTransport

extension NetworkFindings {
    /// Why the TLS step failed: the handshake itself, or the verdict on the chain.
    func tlsFinding(for report: HopReport, among reports: [HopReport]) -> Finding {
        guard let tls = report.facts.tls else {
            return finding(
                .networkTLSFailed,
                report,
                "The TLS handshake with \(report.hop) did not run",
                evidence: [],
                cause: nil,
                fix: ""
            )
        }

        switch tls.outcome {
        case .completed:
            return chainFinding(for: report, tls: tls)
        case .connectFailed where report.path == .direct:
            return tcpFinding(for: report, connection: tls.connection)
        case .connectFailed:
            var retried = report
            retried.facts.tcp = tls.connection
            return proxyUnreachable(retried)
        case .proxyFailed:
            return tunnelRefused(report, tls.proxy)
        case .resetDuringHandshake:
            return handshakeReset(report, tls: tls, among: reports)
        case .timedOut:
            let message =
                "The TLS handshake with \(report.hop) did not finish within \(Seconds.text(configuration.timeBox))"
            let cause = "The server or a middlebox accepted the connection but never answered the TLS ClientHello."
            return finding(.networkTimeout, report, message, evidence: [], cause: cause, fix: allowTLS(report))
        case .notTLS(let answer):
            return notTLS(report, answer: answer)
        case .closed:
            let message = "\(report.hop) closed the connection during the TLS handshake"
            let cause =
                "A middlebox or the server ended the session on seeing the ClientHello, often a filter on TLS "
                + "server names."
            return finding(.networkTLSFailed, report, message, evidence: [], cause: cause, fix: allowTLS(report))
        case .handshakeFailed(let text):
            let message = "The TLS handshake with \(report.hop) failed: \(text)"
            return finding(.networkTLSFailed, report, message, evidence: [], cause: nil, fix: allowTLS(report))
        case .trustUnavailable(let text):
            let message = "The trusted certificates could not be loaded: \(text)"
            return finding(
                .networkTLSFailed,
                report,
                message,
                evidence: [],
                cause: nil,
                fix: "Point the CA file setting at a readable PEM bundle."
            )
        }
    }

    private func allowTLS(_ report: HopReport) -> String {
        let pattern = report.hop.role == .vault ? " (for Key Vault, *.vault.azure.net)" : ""
        return
            "Allow HTTPS to \(report.hop.host)\(pattern) on the egress firewall or proxy; the TLS server name "
            + "must be permitted."
    }

    private func handshakeReset(_ report: HopReport, tls: TLSProbeResult, among reports: [HopReport]) -> Finding {
        var message = "The connection to \(report.hop) was reset during the TLS handshake"
        var evidence = [Evidence("address", tls.connection.map { Endpoint.text($0.address, $0.port) } ?? "-")]
        evidence += tls.osError.map { [Evidence("errno", $0.description)] } ?? []
        if let neighbour = passedNeighbour(of: report, among: reports) {
            message += "; \(neighbour.hop.host) passed on the same path"
            evidence.append(Evidence("passed on the same path", neighbour.hop.host))
        }

        let cause =
            "Something on the way (an egress firewall, an IPS or a proxy) ends TLS sessions to this host, "
            + "typically because its name is not on an allow-list."
        return finding(.networkReset, report, message, evidence: evidence, cause: cause, fix: allowTLS(report))
    }

    private func notTLS(_ report: HopReport, answer: String) -> Finding {
        let message = "\(report.hop) does not speak TLS: it answered \"\(answer)\""
        let cause =
            "Something other than the service answers on this address and port: a plain HTTP proxy or captive "
            + "portal intercepting the port, or a wrong port."
        let fix =
            "If the network requires a proxy, configure it as one (mid.proxy.host and mid.proxy.port) rather "
            + "than letting it intercept port \(report.hop.port); check the port."
        return finding(
            .networkTLSFailed,
            report,
            message,
            evidence: [Evidence("answer", answer)],
            cause: cause,
            fix: fix
        )
    }

    // MARK: - Chain

    private func chainFinding(for report: HopReport, tls: TLSProbeResult) -> Finding {
        let verdict =
            report.facts.verdict
            ?? ChainVerdict.judge(
                chain: tls.chain,
                verifiedChain: tls.verifiedChain,
                verification: tls.verification,
                expectedRoots: configuration.expectedRoots
            )

        if verdict.kind == .intercepted {
            return intercepted(report, verdict: verdict)
        }
        if verdict.verification?.code == TLSVerification.hostnameMismatch {
            return hostnameMismatch(report, tls: tls, verdict: verdict)
        }
        return untrusted(report, tls: tls, verdict: verdict)
    }

    /// A chain issued under an unexpected root: an error when it does not verify here, a warning
    /// when this machine trusts the inspection CA (the MID's Java runtime may still not).
    func intercepted(_ report: HopReport, verdict: ChainVerdict) -> Finding {
        let issuer = verdict.issuer ?? "an unknown issuer"
        let issuerName = DistinguishedName.commonName(of: issuer) ?? issuer
        let root = verdict.rootSubject ?? issuer
        let isTrustedHere = verdict.verification?.isTrusted == true
        let message =
            "TLS traffic to \(report.hop) is intercepted: the certificate was issued by \(issuerName), "
            + "not under a root Azure uses"

        var cause = "A TLS-inspecting proxy or firewall re-signs this traffic with its own CA (\(root)). "
        cause +=
            isTrustedHere
            ? "This machine trusts that CA, but the MID Server's Java runtime checks its own truststore."
            : "The MID Server's Java runtime rejects that chain unless the CA is in its truststore."

        var result = finding(
            .networkTLSIntercepted,
            report,
            message,
            evidence: chainEvidence(verdict),
            cause: cause,
            fix: inspectionFix(root)
        )
        result.severity = isTrustedHere ? .warning : .error
        return result
    }

    private func inspectionFix(_ root: String) -> String {
        let login = configuration.tokenHost ?? "the login host"
        return "Ask the network team to exempt *.vault.azure.net and \(login) from TLS inspection, or import the "
            + "inspection CA (\(root)) into a Java truststore and point the MID Server at it in "
            + "wrapper-override.conf with -Djavax.net.ssl.trustStore=<path to the truststore>, which survives upgrades."
    }

    private func chainEvidence(_ verdict: ChainVerdict) -> [Evidence] {
        var evidence = [Evidence("issuer", verdict.issuer ?? "-"), Evidence("root", verdict.rootSubject ?? "-")]
        if let verification = verdict.verification {
            evidence.append(Evidence("verify result", verification.description))
        }
        if !configuration.expectedRoots.isEmpty {
            evidence.append(Evidence("expected roots", configuration.expectedRoots.map(\.name).joined(separator: "; ")))
        }
        return evidence
    }

    private func hostnameMismatch(_ report: HopReport, tls: TLSProbeResult, verdict: ChainVerdict) -> Finding {
        let leaf = tls.chain.first
        var evidence = [Evidence("certificate subject", leaf?.subject ?? "-")]
        evidence.append(Evidence("certificate names", leaf.map { $0.subjectAltNames.joined(separator: ", ") } ?? "-"))
        evidence += chainEvidence(verdict)

        let message = "The certificate presented for \(report.hop) does not name \(report.hop.host)"
        let cause =
            "The connection reaches a server other than \(report.hop.host): a proxy presenting its own "
            + "certificate, a wrong DNS answer, or a wrong redirect."
        let fix =
            "Check what \(report.hop.host) resolves to from this machine, and whether a proxy or firewall "
            + "answers in its place."
        return finding(.networkTLSHostnameMismatch, report, message, evidence: evidence, cause: cause, fix: fix)
    }

    private func untrusted(_ report: HopReport, tls: TLSProbeResult, verdict: ChainVerdict) -> Finding {
        let text = verdict.verification?.text ?? "no verdict"
        let message = "The certificate chain of \(report.hop) is not trusted: \(text)"
        guard verdict.verification?.code != TLSVerification.certificateExpired else {
            let expiry = tls.chain.first.map { $0.notAfter.formatted(Date.ISO8601FormatStyle()) } ?? "-"
            let cause = "The certificate presented for \(report.hop.host) expired on \(expiry)."
            let fix =
                "Find out what presents this certificate: Azure renews its own certificates, so an expired one "
                + "usually comes from a device on the way, which must be fixed or bypassed."
            return finding(
                .networkTLSUntrusted,
                report,
                message,
                evidence: chainEvidence(verdict),
                cause: cause,
                fix: fix
            )
        }

        let store = configuration.caFile ?? "the system trust store"
        let root = verdict.rootSubject ?? "an unknown root"
        let cause = "The chain ends at \(root), but the certificates midkv trusts here (\(store)) do not include it."
        let fix =
            "Add that root to \(store) (on Debian and Ubuntu, the ca-certificates package), and to the MID "
            + "Server's Java truststore if it lacks it too."
        return finding(.networkTLSUntrusted, report, message, evidence: chainEvidence(verdict), cause: cause, fix: fix)
    }
}
