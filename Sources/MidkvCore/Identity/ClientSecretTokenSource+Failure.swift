extension ClientSecretTokenSource {
    /// The AADSTS codes about the client secret itself.
    var secretKinds: [Int: EntraFailureKind] {
        [
            7_000_215: EntraFailureKind(
                code: .identityInvalidSecret,
                summary: "Entra ID rejected the client secret of app \(clientID)",
                cause: """
                    The configured value is not a valid secret of this app registration. Most often the \
                    secret's ID (a GUID shown beside it in the portal) was copied instead of its Value; \
                    otherwise the secret was deleted or rotated.
                    """,
                fix: """
                    In the app registration, open Certificates & secrets, copy the secret's Value (shown \
                    only when it is created; create a new secret if it is no longer visible) into the \
                    configuration, and restart the MID Server.
                    """
            ),
            7_000_222: EntraFailureKind(
                code: .identitySecretExpired,
                summary: "The client secret of app \(clientID) has expired",
                cause: "Client secrets have an end date; this one has passed it.",
                fix: """
                    Create a new client secret in the app registration, put its Value in the \
                    configuration, and restart the MID Server. Note the new secret's end date. A client \
                    certificate or workload identity avoids secrets that expire unnoticed: see \
                    docs/identity.md.
                    """
            ),
        ]
    }
}
