import MidkvCore
import MidkvSupport
import MidkvTransport

extension NetworkFindings {
    /// Why `report`'s host did not resolve, naming the resolver and any close sibling vault name.
    func dnsFinding(for report: HopReport, among reports: [HopReport]) -> Finding {
        let dns = report.facts.dns ?? DNSProbeResult(host: report.hop.host, outcome: .timedOut)
        let resolvers = resolverText
        let evidence = [
            Evidence("resolver", resolvers),
            Evidence("resolver answer", dns.failureText ?? DNSFacts.describe(dns.outcome)),
        ]
        let host = report.hop.host

        switch dns.outcome {
        case .noSuchName:
            return noSuchName(report, evidence: evidence, sibling: sibling(of: report, among: reports))
        case .resolverUnreachable:
            let message = "No DNS server answered the lookup of \(host) (resolver: \(resolvers))"
            return finding(.networkDNS, report, message, evidence: evidence, cause: unreachableCause, fix: resolverFix)
        case .timedOut:
            let message =
                "The lookup of \(host) did not finish within \(Seconds.text(configuration.timeBox)) "
                + "(resolver: \(resolvers))"
            return finding(.networkDNS, report, message, evidence: evidence, cause: unreachableCause, fix: resolverFix)
        case .blocked:
            return blockedLookup(report, evidence: evidence)
        case .other(_, let text):
            let message = "The lookup of \(host) failed: \(text)"
            let fix =
                "Check /etc/nsswitch.conf, /etc/hosts and \(configuration.resolverConfigurationPath) on this machine."
            return finding(.networkDNS, report, message, evidence: evidence, cause: nil, fix: fix)
        case .resolved:
            let message = "The lookup of \(host) returned no usable address"
            return finding(.networkDNS, report, message, evidence: evidence, cause: nil, fix: resolverFix)
        }
    }

    private var resolverText: String {
        nameServers.isEmpty
            ? "no name server in \(configuration.resolverConfigurationPath)" : nameServers.joined(separator: ", ")
    }

    private var unreachableCause: String {
        "The name servers in \(configuration.resolverConfigurationPath) cannot be reached from this machine, "
            + "or a firewall blocks DNS traffic to them."
    }

    private var resolverFix: String {
        "Make sure this MID Server can reach its DNS servers on port 53 (UDP and TCP), or correct "
            + "\(configuration.resolverConfigurationPath)."
    }

    private func noSuchName(_ report: HopReport, evidence: [Evidence], sibling: String?) -> Finding {
        let host = report.hop.host
        var message = "\(host) does not resolve: the DNS servers (\(resolverText)) say the name does not exist"
        var evidence = evidence
        if let sibling {
            message += "; did you mean \(sibling)?"
            evidence.append(Evidence("similar configured vault", sibling))
        }

        let cause =
            report.hop.role == .vault
            ? "The vault name is misspelt, the vault was deleted, or the name exists only in a private DNS zone "
                + "(Private Link) that this machine's DNS does not serve."
            : "The host name is misspelt, or this machine's DNS does not resolve public names."
        return finding(
            .networkDNS,
            report,
            message,
            evidence: evidence,
            cause: cause,
            fix: noSuchNameFix(report, sibling)
        )
    }

    private func noSuchNameFix(_ report: HopReport, _ sibling: String?) -> String {
        if let sibling {
            return "Use \(sibling), which is configured elsewhere and resolves, or correct the vault name "
                + "(vault_name, or the part after ':' in the Credential ID)."
        }
        guard report.hop.role == .vault else {
            return "Check the token host name; make sure this machine's DNS resolves public Azure names."
        }
        return "Check the vault name (vault_name, or the part after ':' in the Credential ID) against the Azure "
            + "portal; for Private Link, make this machine's DNS resolve privatelink.vaultcore.azure.net."
    }

    /// Another configured vault host, one or two edits away, whose name resolved.
    private func sibling(of report: HopReport, among reports: [HopReport]) -> String? {
        guard report.hop.role == .vault, let (name, suffix) = Self.vaultParts(report.hop.host) else {
            return nil
        }

        let resolved = reports.filter { other in
            other.hop.role == .vault && other.hop.host != report.hop.host && other.step(.dns)?.status == .passed
                && other.path == .direct
        }
        let candidates = resolved.compactMap { other -> (host: String, distance: Int)? in
            guard let (otherName, otherSuffix) = Self.vaultParts(other.hop.host), otherSuffix == suffix else {
                return nil
            }
            return (other.hop.host, NameDistance.between(name, otherName))
        }
        return candidates.filter { (1...2).contains($0.distance) }.min { $0.distance < $1.distance }?.host
    }

    private static func vaultParts(_ host: String) -> (String, String)? {
        guard let dot = host.firstIndex(of: ".") else {
            return nil
        }
        return (String(host[..<dot]), String(host[dot...]).lowercased())
    }

    private func blockedLookup(_ report: HopReport, evidence: [Evidence]) -> Finding {
        let message =
            "Looking up \(report.hop.host) would ask this machine's DNS servers, which midkv may not contact "
            + "while confined to loopback"
        let fix = "Set the connect-to address to the loopback emulator, or run without loopback confinement."
        return finding(.networkNonLoopbackBlocked, report, message, evidence: evidence, cause: nil, fix: fix)
    }
}
