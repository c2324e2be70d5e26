import MidkvSupport

/// What one probing HTTP request showed: a response, or the transport failure that prevented one.
public struct HTTPProbeResult: Sendable {
    /// The URL requested.
    public var url: String
    /// The response status, when a response arrived.
    public var status: Int?
    /// The response header fields, when a response arrived.
    public var headers: HTTPHeaders
    /// Why no response arrived.
    public var failure: TransportError?
    /// The address the response came from, when known.
    public var remoteAddress: String?
    /// How long the request took.
    public var milliseconds: Int

    /// Creates a result.
    public init(
        url: String,
        status: Int? = nil,
        headers: HTTPHeaders = HTTPHeaders(),
        failure: TransportError? = nil,
        remoteAddress: String? = nil,
        milliseconds: Int = 0
    ) {
        self.url = url
        self.status = status
        self.headers = headers
        self.failure = failure
        self.remoteAddress = remoteAddress
        self.milliseconds = milliseconds
    }
}

/// The answer to an unauthenticated Key Vault request, and the challenge it carried.
public struct VaultChallengeProbeResult: Sendable {
    /// The exchange.
    public var exchange: HTTPProbeResult
    /// The `Bearer` challenge from `WWW-Authenticate`, when the answer had one.
    public var challenge: BearerChallenge?

    /// Creates a result.
    public init(exchange: HTTPProbeResult, challenge: BearerChallenge? = nil) {
        self.exchange = exchange
        self.challenge = challenge
    }

    /// Whether the answer is what Key Vault sends: 401 with a `Bearer` challenge.
    public var isKeyVaultChallenge: Bool {
        exchange.status == 401 && challenge != nil
    }
}

/// Whether the instance metadata service answered, and how.
public struct IMDSProbeResult: Sendable {
    /// What answered at the IMDS address.
    public enum Presence: Sendable, Equatable {
        /// IMDS itself: JSON 400 "Required metadata header not specified".
        case present
        /// Nothing: no HTTP answer (see ``IMDSProbeResult/exchange`` for the failure).
        case absent
        /// Something that is not IMDS answered (a proxy, a container network).
        case somethingElse
    }

    /// What answered.
    public var presence: Presence
    /// The exchange.
    public var exchange: HTTPProbeResult
    /// The `error` field of a JSON answer.
    public var errorCode: String?
    /// The `error_description` field of a JSON answer.
    public var errorDescription: String?

    /// Creates a result.
    public init(
        presence: Presence,
        exchange: HTTPProbeResult,
        errorCode: String? = nil,
        errorDescription: String? = nil
    ) {
        self.presence = presence
        self.exchange = exchange
        self.errorCode = errorCode
        self.errorDescription = errorDescription
    }
}
