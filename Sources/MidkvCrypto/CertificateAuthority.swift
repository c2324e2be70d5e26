import COpenSSL
import Foundation
import MidkvSupport

/// A self-signed certificate authority made in process, which issues TLS server identities.
///
/// Nothing touches the disk: the key pair is generated with OpenSSL and both halves are kept as
/// PEM text. The private key is a ``Secret``, so describing or logging an authority never shows
/// it. Save ``certificatePEM`` and ``privateKeyPEM`` and rebuild the authority later with
/// ``init(certificatePEM:privateKeyPEM:)``.
public struct CertificateAuthority: Sendable {
    /// The kind of key pair to generate.
    public enum KeyType: Sendable, Equatable, CustomStringConvertible {
        /// ECDSA on the NIST P-256 curve (fast; the default).
        case ecdsaP256
        /// RSA with a 2048-bit modulus.
        case rsa2048

        public var description: String {
            switch self {
            case .ecdsaP256: "ECDSA P-256"
            case .rsa2048: "RSA 2048"
            }
        }
    }

    /// The authority's certificate, PEM-encoded.
    public let certificatePEM: String
    /// The authority's private key, PKCS #8 PEM.
    public let privateKeyPEM: Secret

    /// Generates a new authority with a fresh key pair and a random serial number.
    ///
    /// The certificate carries basic constraints `CA:TRUE` (critical), key usage `keyCertSign`
    /// and `cRLSign`, and a subject key identifier.
    /// - Parameters:
    ///   - commonName: The subject's CN, such as `midkv Test Root CA`.
    ///   - organization: The subject's O, when given.
    ///   - notBefore: Start of validity; an hour ago unless given.
    ///   - notAfter: End of validity; ten years from now unless given.
    ///   - keyType: The key pair to generate.
    /// - Throws: ``CryptoError`` (``CryptoError/Code/keyGeneration``,
    ///   ``CryptoError/Code/certificateCreation`` or ``CryptoError/Code/invalidInput``).
    public init(
        commonName: String,
        organization: String? = nil,
        notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(10 * 365 * 86_400),
        keyType: KeyType = .ecdsaP256
    ) throws {
        let operation = "creating the certificate authority '\(commonName)'"
        let key = try PrivateKey.generate(keyType)
        let certificate = try X509Certificate.unsigned(publicKeyOf: key, operation: operation)

        try certificate.setValidity(notBefore: notBefore, notAfter: notAfter, operation: operation)
        try certificate.setSubject(commonName: commonName, organization: organization, operation: operation)
        try certificate.setIssuer(certificate, operation: operation)

        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:TRUE"),
            (NID_key_usage, "critical,keyCertSign,cRLSign"),
            (NID_subject_key_identifier, "hash"),
        ]
        for (nid, value) in extensions {
            try certificate.addExtension(nid, value, issuer: certificate, operation: operation)
        }

        try certificate.sign(with: key, operation: operation)
        self.certificatePEM = try certificate.pem()
        self.privateKeyPEM = try key.pem()
    }

    /// Loads an authority saved earlier.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/invalidPEM`` when either text cannot be
    ///   read, ``CryptoError/Code/notACertificateAuthority`` when the certificate lacks
    ///   `CA:TRUE`, and ``CryptoError/Code/keyMismatch`` when the key belongs to another certificate.
    public init(certificatePEM: String, privateKeyPEM: Secret) throws {
        let operation = "loading a certificate authority"
        let certificate = try X509Certificate.loadFirst(pem: certificatePEM, operation: operation)
        let key = try PrivateKey.load(pem: privateKeyPEM, operation: "reading the certificate authority's private key")

        guard X509_check_ca(certificate.pointer) == 1 else {
            let detail = "the certificate is not marked CA:TRUE, so it cannot sign server certificates"
            throw CryptoError(.notACertificateAuthority, operation: operation, detail: detail)
        }
        guard X509_check_private_key(certificate.pointer, key.pointer) == 1 else {
            ERR_clear_error()
            let detail = "the private key does not belong to this certificate"
            throw CryptoError(.keyMismatch, operation: operation, detail: detail)
        }

        self.certificatePEM = try certificate.pem()
        self.privateKeyPEM = privateKeyPEM
    }

    /// The authority certificate's details.
    public func certificateInfo() throws -> CertificateInfo {
        try X509Certificate.loadFirst(pem: certificatePEM, operation: "inspecting the certificate authority").info()
    }
}
