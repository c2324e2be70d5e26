extension WorkloadIdentityTokenSource {
    /// The AADSTS codes about the federated token and the app's federated credentials.
    func federationKinds(_ claims: FederatedTokenClaims) -> [Int: EntraFailureKind] {
        let noMatch = noMatchingCredential(claims)
        let rejected = tokenRejected(claims)
        return [
            70021: noMatch,
            700_211: noMatch,
            700_212: noMatch,
            700_213: noMatch,
            700_024: expired(claims),
            50027: rejected,
            5_002_738: rejected,
        ]
    }

    private func noMatchingCredential(_ claims: FederatedTokenClaims) -> EntraFailureKind {
        let issuer = claims.issuer ?? "(no iss)"
        let subject = claims.subject ?? "(no sub)"
        let audience = claims.audiences.first ?? "(no aud)"
        return EntraFailureKind(
            code: .identityNoFederatedCredential,
            summary: "No federated credential of app \(clientID) matches the token from \(tokenFile.value)",
            cause: """
                Entra ID trusts a federated token only when one federated credential of the app (or \
                user-assigned identity) names exactly its issuer, subject and audience. This token \
                has issuer \(issuer), subject \(subject) and audience \(audience); a trailing slash, \
                another namespace or service account name, or a credential on another app is enough \
                to miss.
                """,
            fix: """
                In the app registration with client ID \(clientID) (Certificates & secrets > \
                Federated credentials), or the managed identity's Federated credentials, add or correct \
                a credential with issuer \(issuer), subject identifier \(subject) and audience \
                \(audience). Check that AZURE_CLIENT_ID names that app.
                """
        )
    }

    private func expired(_ claims: FederatedTokenClaims) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityFederatedTokenExpired,
            summary: "Entra ID says the token from \(tokenFile.value) is outside its validity window",
            cause: """
                The token had expired (or was not yet valid) by Entra ID's clock: the file is not \
                being refreshed, or this host's clock differs from Entra ID's.
                """,
            fix: """
                Mount the projected service account token volume instead of a copy of the token, and \
                check this host's clock with `date -u`.
                """
        )
    }

    private func tokenRejected(_ claims: FederatedTokenClaims) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityAssertionRejected,
            summary: "Entra ID refused the federated token from \(tokenFile.value)",
            cause: """
                Entra ID could not validate the token: its signature does not verify with the keys \
                the issuer \(claims.issuer ?? "(no iss)") publishes (an issuer URL that is not \
                reachable or a rotated signing key), or it uses a signature algorithm Entra ID does \
                not accept (only RSA algorithms are).
                """,
            fix: """
                Check that the issuer's OpenID configuration and keys are publicly reachable (for AKS, \
                enable the OIDC issuer) and that the federated credential names that issuer.
                """
        )
    }
}
