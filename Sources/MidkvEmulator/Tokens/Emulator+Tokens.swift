import Foundation

extension Emulator {
    /// Issues a token as if Entra ID had: for tests that need a token without a token request,
    /// such as one for another audience or tenant.
    ///
    /// - Parameters:
    ///   - tenantID: the `tid`; the issuer is the cloud's issuer for this tenant.
    ///   - clientID: the `appid`.
    ///   - objectID: the `oid`.
    ///   - audience: the `aud`, such as `https://vault.azure.net`.
    ///   - cloud: decides the issuer.
    ///   - lifetime: seconds from now until `exp`; negative for an already expired token.
    public func issueToken(
        tenantID: String,
        clientID: String,
        objectID: String,
        audience: String = AzureCloud.public.vaultResource,
        cloud: AzureCloud = .public,
        lifetime: Int = 3599
    ) -> String {
        let principal = Directory.Principal(
            tenantID: tenantID.lowercased(),
            clientID: clientID.lowercased(),
            objectID: objectID.lowercased()
        )
        return mintToken(principal, audience: audience, cloud: cloud, lifetime: lifetime).token
    }

    /// The claims of `token` when this emulator issued it (whatever its expiry); `nil` otherwise.
    public func claims(ofToken token: String) -> AccessTokenClaims? {
        signer.verify(token)
    }

    /// Signs a token for `principal`, valid from five minutes ago for `lifetime` seconds.
    func mintToken(
        _ principal: Directory.Principal,
        audience: String,
        cloud: AzureCloud,
        lifetime: Int
    ) -> (token: String, claims: AccessTokenClaims) {
        let now = UTCTime.unixSeconds(clock.now())
        let claims = AccessTokenClaims(
            audience: audience,
            issuer: cloud.issuer(tenant: principal.tenantID),
            tenantID: principal.tenantID,
            objectID: principal.objectID,
            appID: principal.clientID,
            issuedAt: now - 300,
            notBefore: now - 300,
            expires: now + lifetime,
            managedIdentityResourceID: principal.resourceID
        )
        return (signer.sign(claims), claims)
    }
}
