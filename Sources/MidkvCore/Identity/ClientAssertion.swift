import Foundation
import MidkvCrypto
import MidkvSupport

/// A client assertion: a short-lived JWT the app signs with its certificate's private key
/// (RFC 7523), which Entra ID accepts in place of a client secret.
///
/// The header names the algorithm, `typ: JWT` and the certificate's `x5t#S256`; the claims
/// are `aud` (the token URL), `iss` and `sub` (the client ID), a fresh `jti`, `nbf` and `iat`
/// (now) and `exp` (now plus ``lifetime``).
enum ClientAssertion {
    /// The `client_assertion_type` value for a JWT assertion.
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// How long an assertion is valid.
    static let lifetime: TimeInterval = 600

    /// Signs an assertion for `clientID` at `audience`.
    ///
    /// - Throws: ``MidkvError`` with `identity.unsupported-key` or `identity.failed` when the
    ///   key cannot sign.
    static func make(
        certificate: ClientCertificate,
        clientID: String,
        audience: String,
        now: Date,
        algorithm: JWSAlgorithm,
        id: String = UUID().uuidString.lowercased()
    ) throws(MidkvError) -> Secret {
        let issued = Int(now.timeIntervalSince1970.rounded(.down))
        let header: [String: Any] = ["alg": algorithm.rawValue, "typ": "JWT", "x5t#S256": certificate.x5tS256]
        let claims: [String: Any] = [
            "aud": audience, "iss": clientID, "sub": clientID, "jti": id,
            "nbf": issued, "iat": issued, "exp": issued + Int(lifetime),
        ]
        let signingInput = Base64URL.encode(json(header)) + "." + Base64URL.encode(json(claims))

        do {
            let signature = try certificate.key.sign(Data(signingInput.utf8), algorithm: algorithm)
            return Secret(signingInput + "." + Base64URL.encode(signature))
        } catch {
            throw signingFailure(error, certificate: certificate, algorithm: algorithm)
        }
    }

    private static func json(_ object: [String: Any]) -> Data {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        return (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data()
    }

    private static func signingFailure(
        _ error: any Error,
        certificate: ClientCertificate,
        algorithm: JWSAlgorithm
    ) -> MidkvError {
        guard let crypto = error as? CryptoError, crypto.code == .unsupportedKey else {
            return MidkvError(
                .identityFailed,
                "midkv could not sign the client assertion with the certificate's key (\(algorithm))",
                evidence: certificate.evidence + [Evidence("OpenSSL", "\(error)")],
                fix: "Check that the key file holds an intact RSA key; `openssl pkey -in KEY -noout -text` reads it."
            )
        }
        return ClientCertificate.unsupportedKey(certificate)
    }
}
