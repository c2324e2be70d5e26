import Foundation
import MidkvCrypto
import MidkvSupport

/// The claims of an access token, decoded without verifying its signature, for diagnostics.
///
/// These say who the token speaks for (``appID``, ``objectID``), in which tenant
/// (``tenantID``), and for which audience, which is what a 401 or 403 from Key Vault needs
/// explained. None of them is secret.
public struct AccessTokenClaims: Sendable, Equatable {
    /// `tid`: the tenant that issued the token.
    public var tenantID: String?
    /// `oid`: the object ID of the principal.
    public var objectID: String?
    /// `appid` (v1 tokens) or `azp` (v2 tokens): the client (application) ID.
    public var appID: String?
    /// `aud`: the audience the token is for.
    public var audience: String?
    /// `iss`: the issuer URL.
    public var issuer: String?
    /// `exp`: when the token expires.
    public var expiresOn: Date?

    /// Creates claims from their parts.
    public init(
        tenantID: String? = nil,
        objectID: String? = nil,
        appID: String? = nil,
        audience: String? = nil,
        issuer: String? = nil,
        expiresOn: Date? = nil
    ) {
        self.tenantID = tenantID
        self.objectID = objectID
        self.appID = appID
        self.audience = audience
        self.issuer = issuer
        self.expiresOn = expiresOn
    }

    /// Decodes the payload of a JWT; `nil` when `token` is not one.
    public init?(decoding token: Secret) {
        let parts = token.reveal().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let payload = Base64URL.decode(parts[1]),
            let object = JSONObject(data: payload)
        else {
            return nil
        }

        self.init(
            tenantID: object.string("tid"),
            objectID: object.string("oid"),
            appID: object.string("appid") ?? object.string("azp"),
            audience: object.firstString("aud"),
            issuer: object.string("iss"),
            expiresOn: object.number("exp").map { Date(timeIntervalSince1970: $0) }
        )
    }

    /// The tenant named in the issuer URL (`https://sts.windows.net/{tenant}/`).
    public var issuerTenantID: String? {
        guard let issuer, let url = URL(string: issuer) else {
            return nil
        }
        return url.pathComponents.first { $0 != "/" }
    }

    /// The claims as evidence, skipping those that are absent.
    public var evidence: [Evidence] {
        let pairs: [(String, String?)] = [
            ("token tenant (tid)", tenantID),
            ("token app ID (appid)", appID),
            ("token object ID (oid)", objectID),
            ("token audience (aud)", audience),
        ]
        return pairs.compactMap { label, value in value.map { Evidence(label, $0) } }
    }
}
