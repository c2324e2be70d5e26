import Foundation
import MidkvCrypto
import MidkvSupport

/// The claims of a federated token (a Kubernetes service account token, a CI job's OIDC
/// token), decoded without verifying the signature: what an app's federated credential must
/// match, and when the token expires. None of them is secret.
public struct FederatedTokenClaims: Sendable, Equatable {
    /// `iss`: the issuer, such as the cluster's OIDC issuer URL.
    public var issuer: String?
    /// `sub`: the subject, such as `system:serviceaccount:discovery:mid-server`.
    public var subject: String?
    /// `aud`: the audiences, normally `api://AzureADTokenExchange`.
    public var audiences: [String]
    /// `exp`: when the token expires.
    public var expiresOn: Date?
    /// `nbf`: when the token becomes valid.
    public var notBefore: Date?

    /// Creates claims from their parts.
    public init(
        issuer: String? = nil,
        subject: String? = nil,
        audiences: [String] = [],
        expiresOn: Date? = nil,
        notBefore: Date? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audiences = audiences
        self.expiresOn = expiresOn
        self.notBefore = notBefore
    }

    /// Decodes the payload of a JWT; `nil` when `token` is not three Base64URL parts with a
    /// JSON object in the middle.
    public init?(decoding token: Secret) {
        let parts = token.reveal().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[2].isEmpty,
            let payload = Base64URL.decode(parts[1]),
            let object = JSONObject(data: payload)
        else {
            return nil
        }

        self.init(
            issuer: object.string("iss"),
            subject: object.string("sub"),
            audiences: Self.audiences(in: payload),
            expiresOn: object.number("exp").map { Date(timeIntervalSince1970: $0) },
            notBefore: object.number("nbf").map { Date(timeIntervalSince1970: $0) }
        )
    }

    /// The claims as evidence, skipping those that are absent.
    public var evidence: [Evidence] {
        let pairs: [(String, String?)] = [
            ("token issuer (iss)", issuer),
            ("token subject (sub)", subject),
            ("token audience (aud)", audiences.isEmpty ? nil : audiences.joined(separator: ", ")),
            ("token expires (exp)", expiresOn.map(IdentityTime.text)),
        ]
        return pairs.compactMap { label, value in value.map { Evidence(label, $0) } }
    }

    private static func audiences(in payload: Data) -> [String] {
        let object = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any]
        if let single = object?["aud"] as? String {
            return [single]
        }
        return object?["aud"] as? [String] ?? []
    }
}
