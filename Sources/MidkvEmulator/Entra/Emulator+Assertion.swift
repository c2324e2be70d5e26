import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport

extension Emulator {
    /// The `client_assertion_type` of a JWT client assertion.
    static let jwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// How far `nbf` and `exp` may be off, as Entra ID allows.
    static let assertionClockSkew: TimeInterval = 300

    /// Authenticates `application` with the form's `client_assertion`: a JWT signed with one of
    /// the app's certificates (`iss` is the client ID), or a federated token one of its
    /// federated credentials trusts.
    ///
    /// - Parameter audiences: the token URLs an assertion may name in `aud`.
    func authenticateAssertion(
        _ application: Directory.Application,
        form: FormBody,
        audiences: [String]
    ) throws(EntraError) {
        guard let type = form["client_assertion_type"] else {
            throw .missingParameter("client_assertion_type")
        }
        guard type == Self.jwtBearerAssertionType else {
            throw .assertion(.malformed("The client_assertion_type '\(type)' is not supported."))
        }
        guard let text = form["client_assertion"], let jwt = ReceivedJWT(text) else {
            throw .assertion(.malformed("The token is not a JWT: three Base64URL parts separated by dots."))
        }
        guard let name = jwt.algorithm, let algorithm = JWSAlgorithm(rawValue: name) else {
            throw .assertion(.unsupportedAlgorithm(jwt.algorithm ?? "none"))
        }

        if jwt.string("iss")?.lowercased() == application.principal.clientID {
            try verifyCertificateAssertion(jwt, algorithm: algorithm, application: application, audiences: audiences)
        } else {
            try verifyFederatedToken(jwt, algorithm: algorithm, application: application)
        }
    }

    /// The token URLs a request to `request.path` may be addressed as: the login host's and
    /// the `Host` header's (which keeps a port).
    static func tokenEndpointAudiences(_ request: HTTPServerRequest, loginHost: String) -> [String] {
        let hosts = [loginHost, request.headers["Host"] ?? loginHost]
        return hosts.map { "https://\($0.lowercased())\(request.path)" }
    }

    private func verifyCertificateAssertion(
        _ jwt: ReceivedJWT,
        algorithm: JWSAlgorithm,
        application: Directory.Application,
        audiences: [String]
    ) throws(EntraError) {
        let clientID = application.principal.clientID
        let (certificate, shown) = try registeredCertificate(jwt, application: application)
        if let verifier = certificate.verifier,
            !verifier.isValid(jwt.signature, of: Data(jwt.signingInput.utf8), algorithm: algorithm)
        {
            throw .assertion(.signatureMismatch(thumbprint: shown, clientID: clientID))
        }
        if let end = certificate.notAfter, end < clock.now() {
            throw .assertion(.keyExpired(thumbprint: shown, clientID: clientID))
        }

        guard jwt.string("sub")?.lowercased() == clientID else {
            throw .assertion(.subjectMismatch)
        }
        guard jwt.audiences.contains(where: { audiences.contains(Self.normalizedAudience($0)) }) else {
            throw .assertion(.audience)
        }
        try checkLifetime(jwt)
        guard let id = jwt.string("jti"), !id.isEmpty else {
            throw .assertion(.malformed("The client assertion has no jti claim."))
        }
    }

    /// The registered certificate the header's `x5t#S256` (or `x5t`) names, and the thumbprint
    /// as shown in messages.
    private func registeredCertificate(
        _ jwt: ReceivedJWT,
        application: Directory.Application
    ) throws(EntraError) -> (Directory.RegisteredCertificate, String) {
        let (sha256, sha1) = jwt.thumbprint
        let shown = (sha256 ?? sha1 ?? "(none)").uppercased()
        let match = application.certificates.first { certificate in
            (sha256 != nil && certificate.sha256 == sha256) || (sha1 != nil && certificate.sha1 == sha1)
        }

        guard let match else {
            throw .assertion(.keyNotFound(thumbprint: shown, clientID: application.principal.clientID))
        }
        return (match, shown)
    }

    /// Throws 700024 unless now lies within `nbf` … `exp`, give or take the allowed skew.
    func checkLifetime(_ jwt: ReceivedJWT) throws(EntraError) {
        let now = clock.now()
        guard let expires = jwt.time("exp") else {
            throw .assertion(.malformed("The token has no exp claim."))
        }

        let notBefore = jwt.time("nbf")
        let early = notBefore.map { now.addingTimeInterval(Self.assertionClockSkew) < $0 } ?? false
        let late = now.addingTimeInterval(-Self.assertionClockSkew) > expires
        if early || late {
            throw .assertion(.outsideValidity(now: now, notBefore: notBefore, expires: expires))
        }
    }

    private static func normalizedAudience(_ audience: String) -> String {
        guard let url = URLComponents(string: audience), let host = url.host else {
            return audience
        }
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(url.scheme?.lowercased() ?? "")://\(host.lowercased())\(port)\(url.path)"
    }
}
