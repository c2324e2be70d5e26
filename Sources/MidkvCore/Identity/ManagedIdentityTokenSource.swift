import Foundation
import MidkvSupport
import MidkvTransport

/// Obtains tokens for the managed identity of the Azure VM or App Service the MID Server runs on.
///
/// On a VM the source asks the instance metadata service (IMDS):
/// `GET {imds}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=…` with
/// `Metadata: true`, never through a proxy, with a 1 s connect time-out. When an App Service
/// identity endpoint and header are given it asks that instead:
/// `GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…` with `X-IDENTITY-HEADER`.
/// A user-assigned identity is picked with `client_id`.
public struct ManagedIdentityTokenSource: TokenSource {
    /// Where tokens come from.
    public enum Endpoint: Sendable, Equatable {
        /// The instance metadata service at this base URL.
        case imds(URL)
        /// The App Service identity endpoint, with the `IDENTITY_HEADER` value that guards it.
        case appService(URL, header: Secret)
    }

    /// IMDS's fixed address.
    public static let defaultIMDSEndpoint = URL(string: "http://169.254.169.254")!
    /// The IMDS API version every Azure SDK sends.
    public static let imdsAPIVersion = "2018-02-01"
    /// The App Service identity API version.
    public static let appServiceAPIVersion = "2019-08-01"
    /// How long connecting to IMDS may take: off Azure nothing answers, so fail fast.
    public static let imdsConnectTimeout = Duration.seconds(1)

    /// The endpoint in use.
    public let endpoint: Endpoint
    /// The client ID of a user-assigned identity; `nil` for the system-assigned one.
    public let clientID: String?

    let sender: RetryingSender
    let logger: Logger

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - clientID: a user-assigned identity's client ID, or `nil` for the system-assigned one.
    ///   - imdsEndpoint: the IMDS base URL, 169.254.169.254 unless testing.
    ///   - identityEndpoint: `IDENTITY_ENDPOINT`; with `identityHeader`, selects App Service.
    ///   - identityHeader: `IDENTITY_HEADER`.
    ///   - transport: carries the requests.
    ///   - retry: retries for 404, 410, 429 and 5xx answers from the endpoint.
    ///   - time: the clock for deadlines, waits and expiry.
    ///   - logger: receives debug entries; never tokens or the identity header.
    public init(
        clientID: String? = nil,
        imdsEndpoint: URL = Self.defaultIMDSEndpoint,
        identityEndpoint: URL? = nil,
        identityHeader: Secret? = nil,
        transport: any HTTPTransport,
        retry: RetryPolicy = .managedIdentity,
        time: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) {
        if let identityEndpoint, let identityHeader {
            self.endpoint = .appService(identityEndpoint, header: identityHeader)
        } else {
            self.endpoint = .imds(imdsEndpoint)
        }
        self.clientID = clientID.flatMap { $0.isEmpty ? nil : $0 }
        self.logger = logger

        var sender = RetryingSender(transport: transport, policy: retry, time: time, logger: logger)
        sender.retriesResponse = { [statuses = retry.retryableStatuses] response in
            statuses.contains(response.status) && JSONObject(data: response.body) != nil
        }
        if case .imds = endpoint {
            sender.retriesFailure = { $0.kind == .connectionReset || $0.kind == .emptyReply }
        }
        self.sender = sender
    }

    /// The hop this source talks to.
    public var hop: NetworkHop {
        if case .appService = endpoint {
            return .appServiceIdentity
        }
        return .imds
    }

    public var description: String {
        let identity = clientID.map { "user-assigned managed identity \($0)" } ?? "system-assigned managed identity"
        let via = hop == .imds ? "IMDS" : "the App Service identity endpoint"
        return "\(identity) via \(via)"
    }

    public var cacheKey: String {
        "managed-identity \(hop.rawValue) \(baseURL.absoluteString) \(clientID ?? "system")"
    }

    /// Requests a token for `scope`; the resource sent is the scope without `/.default`.
    ///
    /// - Throws: ``MidkvError``: `identity.no-managed-identity` when the host has no matching
    ///   identity, `network.imds-unreachable` when no IMDS answers (not an Azure VM),
    ///   `network.imds-proxied` when something other than IMDS answered, other `network.*`
    ///   codes for connection failures, `identity.failed` for other refusals, and
    ///   `vault.budget-exceeded` when the deadline passed.
    public func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        let resource = Self.resource(for: scope)
        let request = HTTPRequest(
            method: .get,
            url: requestURL(resource: resource),
            headers: headers,
            proxyUse: .never,
            connectTimeout: hop == .imds ? Self.imdsConnectTimeout : nil
        )

        logger.debug(
            "requesting managed identity token",
            ["identity.endpoint": hop.rawValue, "token.resource": resource]
        )
        let outcome = try await sender.send(request, deadline: deadline)
        return try interpret(outcome, resource: resource)
    }

    /// The v1 resource for a v2 scope: `https://vault.azure.net/.default` → `https://vault.azure.net`.
    public static func resource(for scope: String) -> String {
        scope.hasSuffix("/.default") ? String(scope.dropLast("/.default".count)) : scope
    }

    /// The URL of the token request for `resource`.
    public func requestURL(resource: String) -> URL {
        var query = [
            ("api-version", hop == .imds ? Self.imdsAPIVersion : Self.appServiceAPIVersion), ("resource", resource),
        ]
        if let clientID {
            query.append(("client_id", clientID))
        }

        let base = hop == .imds ? imdsTokenURL(baseURL) : baseURL.absoluteString
        let separator = base.contains("?") ? "&" : "?"
        return URL(string: base + separator + PercentEncoding.form(query)) ?? baseURL
    }

    private var baseURL: URL {
        switch endpoint {
        case .imds(let url), .appService(let url, _):
            url
        }
    }

    private var headers: HTTPHeaders {
        switch endpoint {
        case .imds:
            HTTPHeaders([("Metadata", "true"), ("Accept", "application/json")])
        case .appService(_, let header):
            HTTPHeaders([("X-IDENTITY-HEADER", header.reveal()), ("Accept", "application/json")])
        }
    }

    private func imdsTokenURL(_ base: URL) -> String {
        let text = base.absoluteString
        guard !base.path.hasSuffix("/oauth2/token") else {
            return text
        }
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        return trimmed + "/metadata/identity/oauth2/token"
    }
}
