import Foundation

/// The claims of an access token the emulator issued.
public struct AccessTokenClaims: Sendable, Equatable {
    /// The audience (`aud`): the resource, such as `https://vault.azure.net`.
    public var audience: String
    /// The issuer (`iss`), such as `https://sts.windows.net/{tenant}/`.
    public var issuer: String
    /// The tenant ID (`tid`).
    public var tenantID: String
    /// The principal's object ID (`oid`).
    public var objectID: String
    /// The client (application) ID (`appid`).
    public var appID: String
    /// Issued at (`iat`), Unix seconds.
    public var issuedAt: Int
    /// Not valid before (`nbf`), Unix seconds.
    public var notBefore: Int
    /// Expiry (`exp`), Unix seconds.
    public var expires: Int
    /// The identity type (`idtyp`), `app` for application and managed identity tokens.
    public var identityType: String
    /// The managed identity's resource ID (`xms_mirid`), for user-assigned identities.
    public var managedIdentityResourceID: String?

    /// Creates claims.
    public init(
        audience: String,
        issuer: String,
        tenantID: String,
        objectID: String,
        appID: String,
        issuedAt: Int,
        notBefore: Int,
        expires: Int,
        identityType: String = "app",
        managedIdentityResourceID: String? = nil
    ) {
        self.audience = audience
        self.issuer = issuer
        self.tenantID = tenantID
        self.objectID = objectID
        self.appID = appID
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expires = expires
        self.identityType = identityType
        self.managedIdentityResourceID = managedIdentityResourceID
    }

    /// The payload in the order Entra ID writes it.
    var payload: JSONValue {
        .object([
            "aud": .string(audience),
            "iss": .string(issuer),
            "iat": .int(issuedAt),
            "nbf": .int(notBefore),
            "exp": .int(expires),
            "appid": .string(appID),
            "appidacr": .string("1"),
            "idp": .string(issuer),
            "idtyp": .string(identityType),
            "oid": .string(objectID),
            "sub": .string(objectID),
            "tid": .string(tenantID),
            "ver": .string("1.0"),
            "xms_mirid": managedIdentityResourceID.map { .string($0) },
        ])
    }

    /// Reads claims from a decoded payload object; `nil` when a required claim is missing.
    init?(payload: [String: Any]) {
        guard let audience = payload["aud"] as? String, let issuer = payload["iss"] as? String,
            let tenantID = payload["tid"] as? String, let objectID = payload["oid"] as? String,
            let appID = payload["appid"] as? String, let issuedAt = payload["iat"] as? Int,
            let notBefore = payload["nbf"] as? Int, let expires = payload["exp"] as? Int
        else {
            return nil
        }
        self.init(
            audience: audience,
            issuer: issuer,
            tenantID: tenantID,
            objectID: objectID,
            appID: appID,
            issuedAt: issuedAt,
            notBefore: notBefore,
            expires: expires,
            identityType: payload["idtyp"] as? String ?? "app",
            managedIdentityResourceID: payload["xms_mirid"] as? String
        )
    }
}
