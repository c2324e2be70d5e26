import Foundation

/// Why the token endpoint refuses a client assertion (signed with a certificate) or a
/// federated token (workload identity): the AADSTS code, OAuth error, status and message.
enum AssertionFailure: Error, Sendable, Equatable {
    /// 50027: not a JWT, a missing claim, or an unsupported assertion type.
    case malformed(String)
    /// 5002738: a signature algorithm Entra ID does not accept (anything but RSA).
    case unsupportedAlgorithm(String)
    /// 700027: no registered certificate has the thumbprint the header names.
    case keyNotFound(thumbprint: String, clientID: String)
    /// 700027: the signature does not verify with the registered certificate's key.
    case signatureMismatch(thumbprint: String, clientID: String)
    /// 700027: the registered certificate has passed its end date.
    case keyExpired(thumbprint: String, clientID: String)
    /// 700021: `sub` is not the client ID.
    case subjectMismatch
    /// 700023: `aud` is not this token endpoint.
    case audience
    /// 700024: now is outside `nbf` … `exp`, allowing five minutes of skew.
    case outsideValidity(now: Date, notBefore: Date?, expires: Date?)
    /// 700211: no federated credential of the app names the token's issuer.
    case unknownIssuer(String)
    /// 50027: the federated token's signature does not verify with the issuer's key.
    case issuerSignature(String)
    /// 70021: no federated credential matches issuer, subject and audience together.
    case noMatchingCredential(issuer: String, subject: String, audience: String)

    var code: Int {
        switch self {
        case .malformed, .issuerSignature: 50027
        case .unsupportedAlgorithm: 5_002_738
        case .keyNotFound, .signatureMismatch, .keyExpired: 700_027
        case .subjectMismatch: 700_021
        case .audience: 700_023
        case .outsideValidity: 700_024
        case .unknownIssuer: 700_211
        case .noMatchingCredential: 70021
        }
    }

    var isFederation: Bool {
        switch self {
        case .unknownIssuer, .issuerSignature, .noMatchingCredential: true
        default: false
        }
    }

    var message: String {
        switch self {
        case .malformed(let reason):
            "Invalid JWT token. \(reason)"
        case .unsupportedAlgorithm(let algorithm):
            "Invalid JWT token. '\(algorithm)' is not a supported signature algorithm."
        case .keyNotFound(let thumbprint, let clientID):
            keyProblem("The key was not found.", thumbprint: thumbprint, clientID: clientID)
        case .signatureMismatch(let thumbprint, let clientID):
            keyProblem("The signature does not match the key.", thumbprint: thumbprint, clientID: clientID)
        case .keyExpired(let thumbprint, let clientID):
            keyProblem("The key used is expired.", thumbprint: thumbprint, clientID: clientID)
        case .subjectMismatch:
            "Client assertion application identifier doesn't match 'client_id' parameter."
        case .audience:
            "Client assertion audience claim does not match Realm issuer."
        default:
            timeOrFederationMessage
        }
    }

    private var timeOrFederationMessage: String {
        switch self {
        case .outsideValidity(let now, let notBefore, let expires):
            "Client assertion is not within its valid time range. Current time: \(Self.iso(now)), assertion valid "
                + "from \(notBefore.map(Self.iso) ?? "(no nbf)"), expiry time of assertion "
                + "\(expires.map(Self.iso) ?? "(no exp)")."
        case .unknownIssuer(let issuer):
            "No matching federated identity record found for presented assertion issuer '\(issuer)'."
        case .issuerSignature(let issuer):
            "Invalid JWT token. External ID token from issuer '\(issuer)' failed signature verification."
        case .noMatchingCredential(let issuer, let subject, let audience):
            "No matching federated identity record found for presented assertion. Assertion Issuer: '\(issuer)'. "
                + "Assertion Subject: '\(subject)'. Assertion Audience: '\(audience)'."
        default:
            ""
        }
    }

    private func keyProblem(_ reason: String, thumbprint: String, clientID: String) -> String {
        "Client assertion failed signature validation. [Reason - \(reason), Thumbprint of key used by client: "
            + "'\(thumbprint)'. Check the certificates configured for app '\(clientID)' in the Azure portal.]"
    }

    private static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
