import MidkvCore
import MidkvTransport

/// The few facts each step report shows.
enum StepEvidence {
    static func dns(_ result: DNSProbeResult) -> [Evidence] {
        guard result.addresses.isEmpty else {
            let source = result.isRedirected ? "redirect" : "resolver"
            return [Evidence("addresses", result.addresses.joined(separator: ", ")), Evidence("answered by", source)]
        }
        return [Evidence("answer", result.failureText ?? DNSFacts.describe(result.outcome))]
    }

    static func tcp(_ result: TCPProbeResult) -> [Evidence] {
        var evidence = [Evidence("address", Endpoint.text(result.address, result.port))]
        if let error = result.osError {
            evidence.append(Evidence("errno", error.description))
        }
        return evidence
    }

    static func proxy(_ result: ProxyProbeResult) -> [Evidence] {
        guard let reply = result.reply else {
            return [Evidence("answer", ProxyFacts.describe(result.outcome))]
        }
        return [Evidence("proxy status", reply.statusLine)]
    }

    static func tls(_ result: TLSProbeResult, verdict: ChainVerdict?) -> [Evidence] {
        var evidence: [Evidence] = []
        if let version = result.protocolVersion {
            evidence.append(Evidence("protocol", version))
        }
        if let issuer = verdict?.issuer {
            evidence.append(Evidence("issuer", issuer))
        }
        if let verification = result.verification {
            evidence.append(Evidence("verify result", verification.description))
        }
        if let error = result.osError {
            evidence.append(Evidence("errno", error.description))
        }
        return evidence
    }

    static func http(_ result: HTTPProbeResult) -> [Evidence] {
        guard let status = result.status else {
            return [Evidence("failure", result.failure?.description ?? "no answer")]
        }
        return [Evidence("http status", String(status))]
    }
}

/// `127.0.0.1:443` or `[::1]:443`.
enum Endpoint {
    static func text(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
