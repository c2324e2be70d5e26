import Foundation
import MidkvSupport
import MidkvTransport

extension ManagedIdentityTokenSource {
    func interpret(_ outcome: RetryOutcome, resource: String) throws -> AccessToken {
        let activity = "requesting a managed identity token from \(hop.displayName)"
        switch outcome.last {
        case nil:
            throw MidkvError.budgetExceeded(while: activity, attempts: 0, last: nil)
        case .failure(let failure):
            let error = failure.explained(for: hop).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: activity, attempts: outcome.attempts, last: error) : error
        case .response(let response):
            if response.status == 200, let reply = JSONObject(data: response.body),
                let token = TokenReply.token(from: reply, now: sender.time.date)
            {
                logger.debug("managed identity token received", ["http.status": "200"])
                return token
            }
            let error = failure(for: response, resource: resource).adding(outcome.evidence)
            throw outcome.budgetExhausted
                ? MidkvError.budgetExceeded(while: activity, attempts: outcome.attempts, last: error) : error
        }
    }

    /// The error for an answer that carried no token.
    func failure(for response: HTTPResponse, resource: String) -> MidkvError {
        var evidence = [
            Evidence("endpoint", Self.hostAndPort(of: requestURL(resource: resource))),
            Evidence("HTTP status", "\(response.status)"),
            Evidence("identity", clientID.map { "user-assigned, client ID \($0)" } ?? "system-assigned"),
            Evidence("resource", resource),
        ]
        if let server = response.headers["Server"] {
            evidence.append(Evidence("server", server))
        }

        guard let reply = JSONObject(data: response.body) else {
            evidence.append(Evidence("content type", response.headers["Content-Type"] ?? "(none)"))
            return foreignReply(response, evidence: evidence)
        }

        let message = Self.message(in: reply)
        evidence += [("service error", Self.errorCode(in: reply)), ("service message", message)]
            .compactMap { label, value in value.map { Evidence(label, $0.firstLine) } }
        return serviceRefusal(response, message: message ?? "", evidence: evidence)
    }

    private func serviceRefusal(_ response: HTTPResponse, message: String, evidence: [Evidence]) -> MidkvError {
        let lowered = message.lowercased()
        if response.status == 400,
            lowered.contains("identity not found") || lowered.contains("unable to load the proper managed identity")
        {
            return noIdentity(evidence)
        }
        if response.status == 400, lowered.contains("metadata header") {
            return strippedHeader(evidence)
        }
        return MidkvError(
            .identityFailed,
            "\(hop.capitalizedName) refused the token request with HTTP \(response.status)",
            evidence: evidence,
            cause: "The service's error and message are shown as evidence.",
            fix: """
                Check that the identity is enabled on this host and may get tokens for the \
                resource; transient errors (429, 5xx) were already retried.
                """
        )
    }

    private func noIdentity(_ evidence: [Evidence]) -> MidkvError {
        let which =
            clientID.map { "no user-assigned identity with client ID \($0) is attached to this host" }
            ?? "this host has no system-assigned identity"
        return MidkvError(
            .identityNoManagedIdentity,
            "\(hop.capitalizedName) answered, but \(which)",
            evidence: evidence,
            cause: """
                The managed identity service is reachable, so this is Azure, but the identity \
                asked for is not assigned: the system-assigned identity is off, or the \
                user-assigned identity's client ID does not match one attached to this VM or app.
                """,
            fix: """
                In the Azure portal, open the VM (or App Service) > Identity: turn on the \
                system-assigned identity, or attach the user-assigned identity and configure its \
                client ID. Then grant that identity access to the vault.
                """
        )
    }

    private func strippedHeader(_ evidence: [Evidence]) -> MidkvError {
        MidkvError(
            .identityFailed,
            "IMDS did not receive the Metadata header that midkv sent",
            evidence: evidence,
            cause: "Something between midkv and IMDS, such as a transparent proxy, removed the header.",
            fix: "Make sure 169.254.169.254 is reached directly, with no proxy or interception on the way."
        )
    }

    private func foreignReply(_ response: HTTPResponse, evidence: [Evidence]) -> MidkvError {
        let summary = "HTTP \(response.status) with a body that is not a managed identity reply"
        guard hop == .imds else {
            return MidkvError(
                .identityFailed,
                "The App Service identity endpoint answered \(summary)",
                evidence: evidence,
                cause:
                    "Something other than the App Service identity endpoint answered, or IDENTITY_ENDPOINT is wrong.",
                fix: "Check IDENTITY_ENDPOINT and make sure it is reached directly, without a proxy."
            )
        }

        if response.status == 403, String(decoding: response.body, as: UTF8.self).lowercased().contains("unreachable") {
            return TransportError.imdsAbsent.error(
                evidence: evidence,
                summary: "A local proxy reported IMDS unreachable"
            )
        }
        return MidkvError(
            .networkIMDSProxied,
            "The IMDS request was answered with \(summary): a proxy answered instead of IMDS",
            evidence: evidence,
            cause: """
                IMDS is a link-local address that only works when reached directly. A proxy (for \
                example one set through HTTP_PROXY, or a transparent one) intercepted the request.
                """,
            fix: """
                Exclude 169.254.169.254 from every proxy: add it to NO_PROXY and to the MID \
                Server's proxy exclusions, and make sure no transparent proxy intercepts it.
                """
        )
    }

    private static func hostAndPort(of url: URL) -> String {
        let host = url.host ?? url.absoluteString
        return url.port.map { "\(host):\($0)" } ?? host
    }

    private static func message(in reply: JSONObject) -> String? {
        reply.string("error_description") ?? reply.string("message") ?? reply.object("error")?.string("message")
    }

    private static func errorCode(in reply: JSONObject) -> String? {
        reply.string("error") ?? reply.object("error")?.string("code")
            ?? reply.number("statusCode").map { "\(Int($0))" }
    }
}
