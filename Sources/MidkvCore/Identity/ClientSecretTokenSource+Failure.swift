import Foundation
import MidkvSupport
import MidkvTransport

extension ClientSecretTokenSource {
    /// The error for a token reply that carried no token.
    func failure(for response: HTTPResponse, url: URL, scope: String) -> MidkvError {
        var evidence = [
            Evidence("token endpoint", url.host ?? url.absoluteString),
            Evidence("HTTP status", "\(response.status)"),
            Evidence("tenant", tenantID),
            Evidence("client ID", clientID),
        ]

        guard let reply = EntraErrorReply(body: response.body) else {
            evidence.append(Evidence("content type", response.headers["Content-Type"] ?? "(none)"))
            return unreadableReply(response, evidence: evidence)
        }

        evidence += serviceEvidence(reply)
        let kind = Self.classify(reply.codes)
        return MidkvError(
            kind.code,
            kind.summary(self, scope) + (reply.primaryCode.map { " (\($0))" } ?? ""),
            evidence: evidence,
            cause: kind.cause,
            fix: kind.fix(self, scope)
        )
    }

    private func serviceEvidence(_ reply: EntraErrorReply) -> [Evidence] {
        let optional: [(String, String?)] = [
            ("service error", reply.error),
            ("AADSTS code", reply.primaryCode),
            ("service message", reply.description.isEmpty ? nil : reply.description.firstLine.scrubbing(clientSecret)),
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

// MARK: - AADSTS codes

extension ClientSecretTokenSource {
    /// What one group of AADSTS codes means and how to fix it.
    struct FailureKind: Sendable {
        var code: ErrorCode
        var summary: @Sendable (ClientSecretTokenSource, String) -> String
        var cause: String
        var fix: @Sendable (ClientSecretTokenSource, String) -> String
    }

    static func classify(_ codes: [Int]) -> FailureKind {
        for number in codes {
            if let kind = knownCodes[number] {
                return kind
            }
        }
        return otherFailure
    }

    private static let knownCodes: [Int: FailureKind] = [
        7_000_215: invalidSecret,
        7_000_222: expiredSecret,
        700_016: appNotFound,
        90002: tenantNotFound,
        900_023: tenantNotFound,
        900_021: tenantNotFound,
        50059: tenantNotFound,
        900_382: crossCloud,
        500_011: invalidScope,
        70011: invalidScope,
    ]

    private static let invalidSecret = FailureKind(
        code: .identityInvalidSecret,
        summary: { source, _ in "Entra ID rejected the client secret of app \(source.clientID)" },
        cause: """
            The configured value is not a valid secret of this app registration. Most often the \
            secret's ID (a GUID shown beside it in the portal) was copied instead of its Value; \
            otherwise the secret was deleted or rotated.
            """,
        fix: { _, _ in
            """
            In the app registration, open Certificates & secrets, copy the secret's Value (shown \
            only when it is created; create a new secret if it is no longer visible) into the \
            configuration, and restart the MID Server.
            """
        }
    )

    private static let expiredSecret = FailureKind(
        code: .identitySecretExpired,
        summary: { source, _ in "The client secret of app \(source.clientID) has expired" },
        cause: "Client secrets have an end date; this one has passed it.",
        fix: { _, _ in
            """
            Create a new client secret in the app registration, put its Value in the \
            configuration, and restart the MID Server. Note the new secret's end date.
            """
        }
    )

    private static let appNotFound = FailureKind(
        code: .identityAppNotFound,
        summary: { source, _ in "No application with client ID \(source.clientID) exists in tenant \(source.tenantID)"
        },
        cause: """
            The client ID or the tenant ID is wrong: the two IDs may be swapped, the app may be \
            registered in another tenant, or the app's object ID was used instead of its \
            Application (client) ID.
            """,
        fix: { _, _ in
            """
            From the app registration's Overview page, copy the Application (client) ID and the \
            Directory (tenant) ID into the configuration, then restart the MID Server.
            """
        }
    )

    private static let tenantNotFound = FailureKind(
        code: .identityTenantNotFound,
        summary: { source, _ in "Entra ID does not know tenant \(source.tenantID)" },
        cause: """
            The tenant ID is misspelt, empty, all zeros, or belongs to no directory in this cloud.
            """,
        fix: { _, _ in
            """
            Copy the Directory (tenant) ID from the app registration's Overview page into the \
            configuration, then restart the MID Server.
            """
        }
    )

    private static let crossCloud = FailureKind(
        code: .identityCrossCloud,
        summary: { _, _ in "Entra ID refused a token request that crosses Azure clouds" },
        cause: """
            The login host, the token scope and the vault do not all belong to the same cloud, \
            for example a US Government scope sent to the public login host.
            """,
        fix: { _, scope in
            """
            Use the login host that belongs to the scope \(scope) and to the vault's DNS suffix \
            (public: login.microsoftonline.com; US Government: login.microsoftonline.us; China: \
            login.chinacloudapi.cn).
            """
        }
    )

    private static let invalidScope = FailureKind(
        code: .identityInvalidScope,
        summary: { _, scope in "Entra ID does not accept the scope \(scope)" },
        cause: "The scope names a resource the tenant does not know, or it is malformed.",
        fix: { _, _ in
            """
            Use the Key Vault scope of your cloud, such as https://vault.azure.net/.default, or \
            leave the scope unset so the vault's challenge decides it.
            """
        }
    )

    private static let otherFailure = FailureKind(
        code: .identityFailed,
        summary: { source, _ in "Entra ID refused the token request for app \(source.clientID)" },
        cause: "The service's error and message are shown as evidence.",
        fix: { _, _ in
            """
            Look up the AADSTS code in Microsoft's Entra ID error reference. The trace and \
            correlation IDs identify the request if you contact Microsoft support.
            """
        }
    )
}
