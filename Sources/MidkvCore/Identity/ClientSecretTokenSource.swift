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
    private let sender: RetryingSender
    private let logger: Logger

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
        self.logger = logger
        self.sender = RetryingSender(transport: transport, policy: retry, time: time, logger: logger)
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
        try TenantID.validate(tenantID)
        let url = try tokenURL()

        logger.debug("requesting token", ["token.host": url.host ?? "", "token.scope": scope])
        let outcome = try await sender.send(request(to: url, scope: scope), deadline: deadline)
        return try interpret(outcome, url: url, scope: scope)
    }

    /// The token URL for this tenant.
    ///
    /// - Throws: `config.invalid-value` when the template has no `%s` or does not form an
    ///   http(s) URL.
    public func tokenURL() throws(MidkvError) -> URL {
        guard tokenURLTemplate.contains("%s") else {
            throw templateError("it has no %s where the tenant goes")
        }

        let text = tokenURLTemplate.replacingOccurrences(of: "%s", with: tenantID)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", url.host != nil
        else {
            throw templateError("it does not form an http(s) URL")
        }
        return url
    }

    private func request(to url: URL, scope: String) -> HTTPRequest {
        let form = PercentEncoding.form([
            ("grant_type", "client_credentials"),
            ("client_id", clientID),
            ("client_secret", clientSecret.reveal()),
            ("scope", scope),
        ])
        let headers = HTTPHeaders([
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/json"),
        ])
        return HTTPRequest(method: .post, url: url, headers: headers, body: Data(form.utf8))
    }

    private func interpret(_ outcome: RetryOutcome, url: URL, scope: String) throws -> AccessToken {
        let activity = "requesting a token from \(url.host ?? "the token endpoint")"
        switch outcome.last {
        case nil:
            throw MidkvError.budgetExceeded(while: activity, attempts: 0, last: nil)
        case .failure(let failure):
            let error = failure.explained(for: .tokenHost).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: activity, attempts: outcome.attempts, last: error) : error
        case .response(let response):
            if let token = acceptedToken(response) {
                return token
            }
            let error = failure(for: response, url: url, scope: scope).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: activity, attempts: outcome.attempts, last: error) : error
        }
    }

    private func acceptedToken(_ response: HTTPResponse) -> AccessToken? {
        guard response.status == 200, let reply = JSONObject(data: response.body) else {
            return nil
        }

        let token = TokenReply.token(from: reply, now: sender.time.date)
        logger.debug("token response", ["http.status": "200", "token.received": token == nil ? "no" : "yes"])
        return token
    }

    private func templateError(_ problem: String) -> MidkvError {
        MidkvError(
            .configInvalidValue,
            "The token URL template cannot be used: \(problem)",
            evidence: [Evidence("token URL template", tokenURLTemplate)],
            cause: "The template must be an https URL with %s where the tenant ID goes.",
            fix: "Use a template such as \(Self.publicCloudTokenURLTemplate), with the login host of your cloud."
        )
    }
}
