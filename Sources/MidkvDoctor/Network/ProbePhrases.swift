import MidkvTransport

/// Short phrases for probe outcomes, for messages and evidence.
enum DNSFacts {
    static func describe(_ outcome: DNSProbeResult.Outcome) -> String {
        switch outcome {
        case .resolved(let addresses):
            "resolved to \(addresses.joined(separator: ", "))"
        case .noSuchName:
            "no such name"
        case .resolverUnreachable:
            "no resolver answered"
        case .other(let code, let text):
            "\(text) (getaddrinfo \(code))"
        case .timedOut:
            "no answer within the time box"
        case .blocked:
            "not asked: confined to loopback"
        }
    }
}

enum TCPFacts {
    static func describe(_ result: TCPProbeResult) -> String {
        switch result.outcome {
        case .connected:
            "connected"
        case .refused:
            "connection refused"
        case .timedOut:
            "no answer within the time box"
        case .unreachable:
            "no route to the address"
        case .reset:
            "connection reset"
        case .blocked:
            "not attempted: confined to loopback"
        case .failed:
            result.osError?.description ?? "connection failed"
        }
    }
}

enum ProxyFacts {
    static func describe(_ outcome: ProxyProbeResult.Outcome) -> String {
        switch outcome {
        case .tunnelOpened:
            "tunnel opened"
        case .refused:
            "refused"
        case .unresolved:
            "its name does not resolve"
        case .unreachable:
            "it cannot be reached"
        case .timedOut:
            "no answer within the time box"
        case .closed:
            "it closed the connection without answering"
        case .reset:
            "it reset the connection without answering"
        case .malformed(let text):
            "it answered with something that is not HTTP (\"\(text)\")"
        }
    }
}

/// `5 s`, `1.5 s`.
enum Seconds {
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = attoseconds / 100_000_000_000_000_000
        return tenths == 0 ? "\(seconds) s" : "\(seconds).\(tenths) s"
    }
}
