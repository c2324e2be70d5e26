import MidkvCore

extension LogSignature {
    static let resolverError = LogSignature(
        code: .logResolverError,
        severity: .error,
        isTransient: false,
        triggers: [
            .text("Problem with client's CredentialResolver"), .text("CredentialResolver.resolve returned null"),
        ],
        variantRule: .exceptionClass
    ) { variant in
        Explanation(
            message: "The credential resolver failed" + (variant.map { " with \($0)" } ?? ""),
            cause: variant.map {
                "The resolver threw \($0) while resolving a credential, so the MID used empty values."
            } ?? "The resolver returned no credential, so the MID used empty values.",
            fix: """
                Read the sample record and its stack trace: the exception names the step that failed \
                (settings, network, Key Vault reply or secret format). Fix that step, restart the MID \
                after config.xml changes, and test the credential again.
                """
        )
    }

    @Sendable static func explainTokenRejection(_ variant: String?) -> Explanation {
        guard variant == "AKV10022" else {
            return Explanation(
                message: "Key Vault rejected a token issued by another tenant (AKV10032)",
                cause: "ext.cred.azure.tenant_id names a directory other than the one the vault belongs to.",
                fix: """
                    Set ext.cred.azure.tenant_id to the vault's tenant (the directory of its \
                    subscription), with an app registered there, and restart the MID.
                    """
            )
        }
        return Explanation(
            message: "Key Vault rejected a token meant for another audience (AKV10022)",
            cause: """
                The token was requested for a resource other than this vault's cloud, usually a \
                scope from another Azure cloud.
                """,
            fix: """
                Request tokens for the vault's own cloud (https://vault.azure.net/.default in the \
                public cloud) and use the login host of that cloud, then restart the MID.
                """
        )
    }

    @Sendable static func explainForbidden(_ variant: String?) -> Explanation {
        switch variant {
        case "ForbiddenByFirewall":
            Explanation(
                message: "The vault's firewall rejected the MID's address (ForbiddenByFirewall)",
                cause: """
                    The vault's network rules deny the address Key Vault sees: the public address \
                    of the proxy or NAT in front of the MID, not its private address.
                    """,
                fix: """
                    Add that public address to the vault's firewall rules (the error text names it), \
                    or reach the vault through a private endpoint.
                    """
            )
        case "AccessDenied":
            Explanation(
                message: "No access policy lets the app read the secret (AccessDenied)",
                cause: "The vault uses access policies and none gives the MID's app the Get secret permission.",
                fix: "Add an access policy for the app with the Get permission on secrets."
            )
        default:
            Explanation(
                message: "No role assignment lets the app read the secret (ForbiddenByRbac)",
                cause: """
                    The app signs in but holds no data-plane role on this vault: the role is missing, \
                    granted on another vault, or was assigned minutes ago and has not taken effect.
                    """,
                fix: """
                    Assign the app the Key Vault Secrets User role on this vault (or on the secret), \
                    wait a few minutes, and test again.
                    """
            )
        }
    }
}
