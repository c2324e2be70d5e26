import Foundation
import MidkvSupport
import MidkvTransport

extension EntraTokenEndpoint {
    /// The error for a token reply that carried no token.
    ///
    /// - Parameters:
    ///   - response: the reply.
    ///   - url: the token URL the request went to.
    ///   - scope: the scope asked for.
    ///   - modeKinds: the AADSTS codes of the mode's credential, checked before the shared ones.
    ///   - evidence: facts about the credential to add, such as a certificate thumbprint.
    ///   - secrets: values to remove from the service's message, should it echo one.
    func failure(
        for response: HTTPResponse,
        url: URL,
        scope: String,
        modeKinds: (EntraErrorReply) -> [Int: EntraFailureKind],
        evidence extra: [Evidence] = [],
        scrubbing secrets: [Secret] = []
    ) -> MidkvError {
        var evidence = [
            Evidence("token endpoint", url.host ?? url.absoluteString),
            Evidence("HTTP status", "\(response.status)"),
            Evidence("tenant", tenantID),
            Evidence("client ID", clientID),
        ]

        guard let reply = EntraErrorReply(body: response.body) else {
            evidence.append(Evidence("content type", response.headers["Content-Type"] ?? "(none)"))
            return unreadableReply(response, evidence: evidence + extra)
        }

        evidence += Self.serviceEvidence(reply, scrubbing: secrets) + extra
        let context = EntraFailureKind.Context(tenantID: tenantID, clientID: clientID, scope: scope)
        let kind = EntraFailureKind.classify(reply.codes, modeKinds: modeKinds(reply), context: context)
        return MidkvError(
            kind.code,
            kind.summary + (reply.primaryCode.map { " (\($0))" } ?? ""),
            evidence: evidence,
            cause: kind.cause,
            fix: kind.fix
        )
    }

    private static func serviceEvidence(_ reply: EntraErrorReply, scrubbing secrets: [Secret]) -> [Evidence] {
        let message = secrets.reduce(reply.description.firstLine) { text, secret in text.scrubbing(secret) }
        let optional: [(String, String?)] = [
            ("service error", reply.error),
            ("AADSTS code", reply.primaryCode),
            ("service message", reply.description.isEmpty ? nil : message),
            ("trace ID", reply.traceID),
            ("correlation ID", reply.correlationID),
            ("timestamp", reply.timestamp),
        ]
        return optional.compactMap { label, value in value.map { Evidence(label, $0) } }
    }

    private func unreadableReply(_ response: HTTPResponse, evidence: [Evidence]) -> MidkvError {
        let what =
            response.status == 200
            ? "a reply without a usable access_token"
            : "HTTP \(response.status) with a body that is not Entra ID's JSON"
        return MidkvError(
            .identityFailed,
            "The token endpoint answered \(what)",
            evidence: evidence,
            cause: """
                Something other than Entra ID answered: a proxy or firewall page, or a token URL \
                that points at the wrong service.
                """,
            fix: """
                Check the token URL (login host and path /{tenant}/oauth2/v2.0/token) and the \
                proxy's rules for the login host.
                """
        )
    }
}
