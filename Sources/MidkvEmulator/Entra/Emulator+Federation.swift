import Foundation
import MidkvCrypto

extension Emulator {
    /// Signs a federated token as the issuer `issuer`, as a Kubernetes cluster signs its
    /// projected service account tokens: for tests and the demo to write into a token file.
    ///
    /// - Parameters:
    ///   - issuer: the issuer URL; the emulator must hold its key (an issuer seeded without
    ///     `publicKey`, or one only a federated credential names).
    ///   - subject: the `sub`, such as `system:serviceaccount:discovery:mid-server`.
    ///   - audience: the `aud`.
    ///   - lifetime: seconds from now until `exp`; negative for an already expired token.
    /// - Returns: the signed token, or `nil` when the emulator does not hold the issuer's key.
    public func issueWorkloadToken(
        issuer: String,
        subject: String,
        audience: String = EmulatorSeed.FederatedCredential.defaultAudience,
        lifetime: Int = 3600
    ) -> String? {
        guard let key = directory.workloadIssuers[issuer]?.signingKey else {
            return nil
        }

        let now = UTCTime.unixSeconds(clock.now())
        let header = JSONValue.object(["alg": .string("RS256"), "typ": .string("JWT"), "kid": .string("midkv-issuer")])
        let claims = JSONValue.object([
            "aud": .array([.string(audience)]),
            "exp": .int(now + lifetime),
            "iat": .int(now),
            "iss": .string(issuer),
            "nbf": .int(now),
            "sub": .string(subject),
        ])
        let signingInput = Base64URL.encode(header.data) + "." + Base64URL.encode(claims.data)
        guard let signature = try? key.sign(Data(signingInput.utf8), algorithm: .rs256) else {
            return nil
        }
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Accepts a federated token when the app trusts its issuer, the issuer's key verifies it,
    /// it is current, and one credential names its subject and audience.
    func verifyFederatedToken(
        _ jwt: ReceivedJWT,
        algorithm: JWSAlgorithm,
        application: Directory.Application
    ) throws(EntraError) {
        let issuer = jwt.string("iss") ?? ""
        let trusting = application.federatedCredentials.filter { $0.issuer == issuer }
        guard !trusting.isEmpty else {
            throw .assertion(.unknownIssuer(issuer))
        }

        let signingInput = Data(jwt.signingInput.utf8)
        guard let key = directory.workloadIssuers[issuer],
            key.verifier.isValid(jwt.signature, of: signingInput, algorithm: algorithm)
        else {
            throw .assertion(.issuerSignature(issuer))
        }
        try checkLifetime(jwt)

        let subject = jwt.string("sub") ?? ""
        let matches = trusting.contains { credential in
            credential.subject == subject && jwt.audiences.contains(where: credential.audiences.contains)
        }
        guard matches else {
            let audience = jwt.audiences.joined(separator: ",")
            throw .assertion(.noMatchingCredential(issuer: issuer, subject: subject, audience: audience))
        }
    }
}
