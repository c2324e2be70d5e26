import Foundation
import MidkvSupport
import MidkvTransport

/// The Entra ID token endpoint of one tenant, as one app registration uses it: builds the
/// token URL, posts a client-credentials form, and reads the reply.
///
/// The client secret, client certificate and workload identity sources differ only in the
/// credential fields of the form and in how they explain a refusal; this type does the rest.
struct EntraTokenEndpoint: Sendable {
    /// The directory (tenant) ID or domain.
    let tenantID: String
    /// The application (client) ID.
    let clientID: String
    /// The token URL with `%s` where the tenant goes.
    let tokenURLTemplate: String
    /// Sends the requests, retrying 429, transient 5xx and connection failures.
    let sender: RetryingSender
    /// Receives debug entries; never a credential or a token.
    let logger: Logger

    /// The wall-clock time of the sender's clock.
    var now: Date {
        sender.time.date
    }

    /// The token URL for this tenant.
    ///
    /// - Throws: `config.invalid-value` when the template has no `%s` or does not form an
    ///   http(s) URL.
    func tokenURL() throws(MidkvError) -> URL {
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

    /// Checks the tenant, then returns the token URL.
    ///
    /// - Throws: `identity.tenant-not-found` or `config.invalid-value`.
    func checkedTokenURL() throws(MidkvError) -> URL {
        try TenantID.validate(tenantID)
        return try tokenURL()
    }

    /// Posts `grant_type=client_credentials`, `client_id`, the `credential` fields and `scope`.
    ///
    /// - Parameters:
    ///   - credential: the fields that prove the app's identity (`client_secret`, or
    ///     `client_assertion_type` and `client_assertion`).
    ///   - url: the token URL from ``checkedTokenURL()``.
    ///   - scope: the scope asked for.
    ///   - deadline: when to give up.
    ///   - failure: explains a reply that carries no token.
    /// - Throws: the error `failure` makes, a `network.*` error when the endpoint could not be
    ///   reached, or `vault.budget-exceeded` when the deadline passed.
    func token(
        credential: [(String, String)],
        url: URL,
        scope: String,
        deadline: ContinuousClock.Instant,
        failure: (HTTPResponse) -> MidkvError
    ) async throws -> AccessToken {
        let fields = [("grant_type", "client_credentials"), ("client_id", clientID)] + credential + [("scope", scope)]
        let headers = HTTPHeaders([
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/json"),
        ])
        let request = HTTPRequest(
            method: .post,
            url: url,
            headers: headers,
            body: Data(PercentEncoding.form(fields).utf8)
        )

        logger.debug("requesting token", ["token.host": url.host ?? "", "token.scope": scope])
        let outcome = try await sender.send(request, deadline: deadline)
        return try interpret(outcome, url: url, failure: failure)
    }

    private func interpret(
        _ outcome: RetryOutcome,
        url: URL,
        failure: (HTTPResponse) -> MidkvError
    ) throws -> AccessToken {
        let activity = "requesting a token from \(url.host ?? "the token endpoint")"
        switch outcome.last {
        case nil:
            throw MidkvError.budgetExceeded(while: activity, attempts: 0, last: nil)
        case .failure(let transportFailure):
            let error = transportFailure.explained(for: .tokenHost).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: activity, attempts: outcome.attempts, last: error) : error
        case .response(let response):
            if let token = acceptedToken(response) {
                return token
            }
            let error = failure(response).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: activity, attempts: outcome.attempts, last: error) : error
        }
    }

    private func acceptedToken(_ response: HTTPResponse) -> AccessToken? {
        guard response.status == 200, let reply = JSONObject(data: response.body) else {
            return nil
        }

        let token = TokenReply.token(from: reply, now: now)
        logger.debug("token response", ["http.status": "200", "token.received": token == nil ? "no" : "yes"])
        return token
    }

    private func templateError(_ problem: String) -> MidkvError {
        let example = ClientSecretTokenSource.publicCloudTokenURLTemplate
        return MidkvError(
            .configInvalidValue,
            "The token URL template cannot be used: \(problem)",
            evidence: [Evidence("token URL template", tokenURLTemplate)],
            cause: "The template must be an https URL with %s where the tenant ID goes.",
            fix: "Use a template such as \(example), with the login host of your cloud."
        )
    }
}
