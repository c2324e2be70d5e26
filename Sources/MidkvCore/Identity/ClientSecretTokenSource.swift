import Foundation
import MidkvSupport
import MidkvTransport

/// Obtains tokens from Entra ID with an app registration's client secret (OAuth 2.0 client
/// credentials grant).
///
/// Each call posts `grant_type=client_credentials`, `client_id`, `client_secret` and `scope` as
/// a strictly percent-encoded form to the token URL. Failures become ``MidkvError``s that name
/// the AADSTS code and what to change; the secret appears nowhere but in the request body.
public struct ClientSecretTokenSource: TokenSource {
    /// The public cloud's v2.0 token URL; `%s` stands for the tenant.
    public static let publicCloudTokenURLTemplate = "https://login.microsoftonline.com/%s/oauth2/v2.0/token"

    /// The directory (tenant) ID or domain.
    public let tenantID: String
    /// The application (client) ID.
    public let clientID: String
    /// The token URL with `%s` where the tenant goes.
    public let tokenURLTemplate: String

    let clientSecret: Secret
    private let endpoint: EntraTokenEndpoint

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - tenantID: the directory (tenant) ID or a verified domain; checked before any request.
    ///   - clientID: the application (client) ID.
    ///   - clientSecret: the client secret's value.
    ///   - tokenURLTemplate: the token URL with `%s` for the tenant.
    ///   - transport: carries the requests.
    ///   - retry: retries for 429 and transient 5xx answers and connection failures.
    ///   - time: the clock for deadlines, waits and expiry.
    ///   - logger: receives debug entries; never the secret or the token.
    public init(
        tenantID: String,
        clientID: String,
        clientSecret: Secret,
        tokenURLTemplate: String = Self.publicCloudTokenURLTemplate,
        transport: any HTTPTransport,
        retry: RetryPolicy = .tokenEndpoint,
        time: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenURLTemplate = tokenURLTemplate
        self.endpoint = EntraTokenEndpoint(
            tenantID: tenantID,
            clientID: clientID,
            tokenURLTemplate: tokenURLTemplate,
            sender: RetryingSender(transport: transport, policy: retry, time: time, logger: logger),
            logger: logger
        )
    }

    public var description: String {
        "client secret for app \(clientID) in tenant \(tenantID)"
    }

    public var cacheKey: String {
        "client-secret \(tokenURLTemplate) \(tenantID) \(clientID)"
    }

    /// Requests a token for `scope`.
    ///
    /// - Throws: ``MidkvError`` with an `identity.*` code for Entra ID's refusals
    ///   (`identity.invalid-secret`, `identity.secret-expired`, `identity.app-not-found`,
    ///   `identity.tenant-not-found`, `identity.cross-cloud`, `identity.invalid-scope`,
    ///   `identity.failed`), a `network.*` code when Entra ID could not be reached,
    ///   `config.invalid-value` for an unusable token URL template, and
    ///   `vault.budget-exceeded` when the deadline passed.
    public func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        let url = try endpoint.checkedTokenURL()
        return try await endpoint.token(
            credential: [("client_secret", clientSecret.reveal())],
            url: url,
            scope: scope,
            deadline: deadline
        ) { response in
            endpoint.failure(
                for: response,
                url: url,
                scope: scope,
                modeKinds: { _ in secretKinds },
                scrubbing: [clientSecret]
            )
        }
    }

    /// The token URL for this tenant.
    ///
    /// - Throws: `config.invalid-value` when the template has no `%s` or does not form an
    ///   http(s) URL.
    public func tokenURL() throws(MidkvError) -> URL {
        try endpoint.tokenURL()
    }
}
