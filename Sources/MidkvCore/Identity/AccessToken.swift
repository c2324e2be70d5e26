import Foundation
import MidkvSupport

/// A bearer token and when it stops being good.
public struct AccessToken: Sendable, Equatable {
    /// The token itself; it never prints.
    public var token: Secret
    /// When the token expires.
    public var expiresOn: Date
    /// When the issuer suggests getting a new one (`refresh_in`), if it said.
    public var refreshOn: Date?
    /// The token type, `Bearer` in practice.
    public var tokenType: String

    /// Creates a token.
    public init(token: Secret, expiresOn: Date, refreshOn: Date? = nil, tokenType: String = "Bearer") {
        self.token = token
        self.expiresOn = expiresOn
        self.refreshOn = refreshOn
        self.tokenType = tokenType
    }

    /// The value for an `Authorization` header: `Bearer …`, still a secret.
    public var authorizationValue: Secret {
        Secret("Bearer \(token.reveal())")
    }

    /// The unverified claims inside the token, when it is a JWT.
    public var claims: AccessTokenClaims? {
        AccessTokenClaims(decoding: token)
    }
}
