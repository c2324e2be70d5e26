/// What a name lookup showed.
public struct DNSProbeResult: Sendable, Equatable {
    /// How the lookup ended.
    public enum Outcome: Sendable, Equatable {
        /// The name resolved to these addresses (or, redirected, to the redirect address).
        case resolved([String])
        /// The name does not exist (`EAI_NONAME`, `EAI_NODATA`): a resolver answered "no".
        case noSuchName
        /// No resolver answered (`EAI_AGAIN`).
        case resolverUnreachable
        /// Another `getaddrinfo` failure, with its code and text.
        case other(code: Int32, text: String)
        /// The lookup did not finish within the time box.
        case timedOut
        /// The lookup would have asked name servers while probes are confined to loopback.
        case blocked
    }

    /// The name that was looked up.
    public var host: String
    /// How the lookup ended.
    public var outcome: Outcome
    /// The resolver's own text for a failure (`Name or service not known`), when there is one.
    public var failureText: String?
    /// Whether the answer is the configured redirect address rather than a lookup.
    public var isRedirected: Bool
    /// The name servers this machine is configured with (from resolv.conf).
    public var nameServers: [String]
    /// How long the lookup took.
    public var milliseconds: Int

    /// Creates a result.
    public init(
        host: String,
        outcome: Outcome,
        failureText: String? = nil,
        isRedirected: Bool = false,
        nameServers: [String] = [],
        milliseconds: Int = 0
    ) {
        self.host = host
        self.outcome = outcome
        self.failureText = failureText
        self.isRedirected = isRedirected
        self.nameServers = nameServers
        self.milliseconds = milliseconds
    }

    /// The addresses found; empty when the lookup failed.
    public var addresses: [String] {
        guard case .resolved(let addresses) = outcome else {
            return []
        }
        return addresses
    }
}
