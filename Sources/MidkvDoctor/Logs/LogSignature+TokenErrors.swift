extension LogSignature {
    /// Explanations of the AADSTS codes seen when a MID asks Entra ID for a Key Vault token.
    private static let tokenErrors: [String: Explanation] = [
        "AADSTS7000215": Explanation(
            message: "Entra ID rejected the client secret (AADSTS7000215)",
            cause: """
                ext.cred.azure.secret_key is not a valid secret of the app: usually the secret's ID \
                (a GUID) was copied instead of its value, or the secret was deleted or replaced.
                """,
            fix: """
                Copy the secret's Value (not the Secret ID) from the app's Certificates & secrets page \
                into ext.cred.azure.secret_key, creating a new secret if the value is no longer shown, \
                and restart the MID.
                """
        ),
        "AADSTS7000222": Explanation(
            message: "The app's client secret has expired (AADSTS7000222)",
            cause: "Client secrets carry an end date, and this one has passed.",
            fix: """
                Create a new client secret for the app, put its value in ext.cred.azure.secret_key, \
                and restart the MID; note the new end date.
                """
        ),
        "AADSTS7000218": Explanation(
            message: "The token request carried no client secret (AADSTS7000218)",
            cause: "ext.cred.azure.secret_key is missing, empty, or was not loaded by the running MID.",
            fix: "Set ext.cred.azure.secret_key in config.xml and restart the MID."
        ),
        "AADSTS700016": Explanation(
            message: "Entra ID does not know the app in this tenant (AADSTS700016)",
            cause: """
                ext.cred.azure.client_id is not an application in the tenant asked: the app lives in \
                another tenant, the two IDs are swapped, or an object ID was used.
                """,
            fix: """
                Copy the Application (client) ID and the Directory (tenant) ID from the app \
                registration's overview into config.xml, and restart the MID.
                """
        ),
        "AADSTS90002": tenantNotFound("AADSTS90002"),
        "AADSTS900023": tenantNotFound("AADSTS900023"),
        "AADSTS900382": Explanation(
            message: "The token request mixes two Azure clouds (AADSTS900382)",
            cause: "The login host, the token scope and the vault host do not all belong to the same cloud.",
            fix: "Use the login host and vault scope of the vault's own cloud, and restart the MID."
        ),
        "AADSTS500011": invalidScope("AADSTS500011"),
        "AADSTS70011": invalidScope("AADSTS70011"),
        "AADSTS700027": certificateRejected("AADSTS700027"),
        "AADSTS700024": certificateRejected("AADSTS700024"),
        "AADSTS7000112": Explanation(
            message: "The app is disabled (AADSTS7000112)",
            cause: "The app registration or its service principal is disabled in the tenant.",
            fix: "Enable the app's enterprise application (service principal) in Entra ID."
        ),
        "AADSTS53003": Explanation(
            message: "A Conditional Access policy blocked the token request (AADSTS53003)",
            cause: "A Conditional Access policy applies to the app and does not allow this sign-in.",
            fix: "Ask the Entra ID administrator to exempt the app or allow the MID's location."
        ),
    ]

    @Sendable static func explainTokenError(_ code: String?) -> Explanation {
        if let code, let known = tokenErrors[code] {
            return known
        }
        let name = code ?? "AADSTS"
        return Explanation(
            message: "Entra ID refused the MID's token request (\(name))",
            cause: "Entra ID named the reason with \(name); the sample record carries its text.",
            fix: "Look up \(name) in Microsoft's Entra ID error reference and correct the app or config.xml."
        )
    }

    private static func tenantNotFound(_ code: String) -> Explanation {
        Explanation(
            message: "Entra ID does not know the tenant (\(code))",
            cause: "ext.cred.azure.tenant_id is not an existing directory ID, or it holds a typo.",
            fix: "Copy the Directory (tenant) ID from the app registration's overview and restart the MID."
        )
    }

    private static func invalidScope(_ code: String) -> Explanation {
        Explanation(
            message: "Entra ID does not know the requested resource (\(code))",
            cause: "The token scope is not a Key Vault scope of this cloud, often a typo or a missing /.default.",
            fix: """
                Use https://vault.azure.net/.default (or the vault scope of your cloud) as the scope, \
                and restart the MID.
                """
        )
    }

    private static func certificateRejected(_ code: String) -> Explanation {
        Explanation(
            message: "Entra ID rejected the app's certificate assertion (\(code))",
            cause: "The signing certificate is not registered on the app, or the MID host's clock is off.",
            fix: "Upload the certificate's public part to the app registration and check the host's time."
        )
    }
}
