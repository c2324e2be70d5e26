import MidkvCore
import MidkvSupport
import MidkvTransport

extension NetworkFindings {
    private static let noManagedIdentityFix =
        "Managed identity cannot work here: configure a client secret (ext.cred.azure.client_id with "
        + "ext.cred.azure.secret_key) or certificate authentication for the vault instead."

    /// The metadata service's findings: present, absent, answered by something else, or reachable
    /// only through the proxy. The proxied report adds evidence; it yields no finding of its own.
    func imdsFindings(for report: HopReport, among reports: [HopReport]) -> [Finding] {
        guard report.path == .direct else {
            return []
        }

        guard let failed = report.failedStep else {
            return [reachable(report)] + proxyCoverage(report)
        }

        let proxied = reports.first { $0.hop.role == .imds && $0.path != .direct }
        if let proxied, proxied.facts.imds?.presence == .present {
            return [onlyThroughProxy(report, proxied: proxied)]
        }
        return [imdsFailure(report, at: failed.step, proxied: proxied)]
    }

    private func imdsFailure(_ report: HopReport, at step: StepReport.Step, proxied: HopReport?) -> Finding {
        let blocked = report.facts.dns?.outcome == .blocked || report.facts.tcp?.outcome == .blocked
        if blocked || report.facts.http?.failure?.kind == .nonLoopbackBlocked {
            return failure(at: step, of: report, among: [])
        }

        if let imds = report.facts.imds, imds.presence == .somethingElse {
            return somethingElseAnswers(report, imds: imds)
        }
        return unreachable(report, proxied: proxied)
    }

    private func unreachable(_ report: HopReport, proxied: HopReport?) -> Finding {
        var evidence: [Evidence] = []
        var reason = "no HTTP answer"
        if let tcp = report.facts.tcp {
            evidence.append(Evidence("address", Endpoint.text(tcp.address, tcp.port)))
            evidence += tcp.osError.map { [Evidence("errno", $0.description)] } ?? []
            reason =
                tcp.outcome == .timedOut
                ? "no answer within \(Seconds.text(configuration.imdsTimeBox))" : TCPFacts.describe(tcp)
        }
        if let failure = report.facts.http?.failure {
            evidence.append(Evidence("failure", failure.detail))
        }
        if let proxied {
            evidence.append(Evidence("through the proxy", proxiedAnswer(proxied)))
        }

        let message = "The instance metadata service (\(report.hop)) does not answer: \(reason)"
        let cause =
            "The metadata service exists only inside Azure virtual machines: this machine is not one, or a host "
            + "firewall blocks \(report.hop.host)."
        return finding(
            .networkIMDSUnreachable,
            report,
            message,
            evidence: evidence,
            cause: cause,
            fix: Self.noManagedIdentityFix
        )
    }

    private func proxiedAnswer(_ report: HopReport) -> String {
        if let status = report.facts.http?.status {
            return "HTTP \(status)"
        }
        if let reply = report.facts.proxy?.reply {
            return reply.statusLine
        }
        return report.failedStep.map { "failed at \($0.step.rawValue)" } ?? "no answer"
    }

    private func somethingElseAnswers(_ report: HopReport, imds: IMDSProbeResult) -> Finding {
        let status = imds.exchange.status.map { String($0) } ?? "-"
        var evidence = [Evidence("http status", status)]
        for name in ["Server", "Via", "Content-Type"] {
            if let value = imds.exchange.headers[name] {
                evidence.append(Evidence(name.lowercased(), value))
            }
        }
        if let description = imds.errorDescription {
            evidence.append(Evidence("error description", description))
        }

        let message = "Something other than the instance metadata service answers at \(report.hop) (HTTP \(status))"
        let cause = "A proxy, a container network or a local service answers for the metadata address."
        let fix =
            "Make sure requests to \(report.hop.host) reach this VM's metadata service directly; managed identity "
            + "does not work through anything else. If this machine is not an Azure VM, use a client secret or "
            + "certificate."
        return finding(.networkProtocol, report, message, evidence: evidence, cause: cause, fix: fix)
    }

    private func onlyThroughProxy(_ report: HopReport, proxied: HopReport) -> Finding {
        let message = "The instance metadata service answers only through the proxy \(proxyText), not directly"
        let evidence = [Evidence("proxy", proxyText), Evidence("through the proxy", proxiedAnswer(proxied))]
        let cause =
            "\(report.hop.host) cannot be reached directly, yet the proxy answers for it: through the proxy the "
            + "request reaches the proxy machine's metadata service, never this VM's."
        let fix =
            "Managed identity needs a direct connection from this VM to \(report.hop.host): add it to the no-proxy "
            + "list and allow it in the host firewall. If this machine is not an Azure VM, use a client secret or "
            + "certificate."
        return finding(.networkIMDSProxied, report, message, evidence: evidence, cause: cause, fix: fix)
    }

    /// A warning when the proxy settings would also catch the metadata address.
    private func proxyCoverage(_ report: HopReport) -> [Finding] {
        guard configuration.proxies(report.hop.host) else {
            return []
        }

        let message =
            "The proxy settings also cover \(report.hop.host): managed identity requests could be sent to the proxy"
        let cause =
            "A proxy is configured and \(report.hop.host) is not in the no-proxy list. A client that applies the "
            + "proxy to managed identity requests sends them where this VM's metadata service cannot be reached."
        var warning = finding(
            .networkIMDSProxied,
            report,
            message,
            evidence: [
                Evidence("proxy", proxyText), Evidence("no-proxy", configuration.noProxy.joined(separator: ", ")),
            ],
            cause: cause,
            fix: "Add \(report.hop.host) to the no-proxy list."
        )
        warning.severity = .warning
        return [warning]
    }
}
