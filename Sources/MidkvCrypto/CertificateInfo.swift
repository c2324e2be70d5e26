import Foundation

/// What a certificate says about itself: names, validity, serial, fingerprints and alternative names.
///
/// Read every certificate of a PEM bundle with ``parse(pem:)``. Names use RFC 2253 text
/// (`CN=Corporate Inspection CA,O=Contoso`), with non-ASCII characters kept as UTF-8.
public struct CertificateInfo: Sendable, Equatable {
    /// The subject's distinguished name, RFC 2253 text.
    public var subject: String
    /// The issuer's distinguished name, RFC 2253 text.
    public var issuer: String
    /// The start of the validity window.
    public var notBefore: Date
    /// The end of the validity window.
    public var notAfter: Date
    /// The serial number, lower-case hexadecimal without separators.
    public var serial: String
    /// The SHA-256 hash of the DER certificate, lower-case hexadecimal without separators.
    public var sha256Fingerprint: String
    /// The SHA-1 hash of the DER certificate, lower-case hexadecimal without separators.
    public var sha1Fingerprint: String
    /// The subject alternative names in order, as `DNS:vault.local` or `IP:127.0.0.1`.
    public var subjectAltNames: [String]
    /// Whether basic constraints mark the certificate as a certificate authority.
    public var isCA: Bool

    /// Creates a description (``parse(pem:)`` does this from real certificates).
    public init(
        subject: String,
        issuer: String,
        notBefore: Date,
        notAfter: Date,
        serial: String,
        sha256Fingerprint: String,
        sha1Fingerprint: String,
        subjectAltNames: [String],
        isCA: Bool
    ) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.serial = serial
        self.sha256Fingerprint = sha256Fingerprint
        self.sha1Fingerprint = sha1Fingerprint
        self.subjectAltNames = subjectAltNames
        self.isCA = isCA
    }

    /// Whether the certificate names itself as its issuer, as a root CA does.
    public var isSelfIssued: Bool {
        subject == issuer
    }

    /// Whether `date` lies inside the validity window.
    public func isValid(at date: Date) -> Bool {
        notBefore <= date && date <= notAfter
    }

    /// Describes every certificate in a PEM bundle, in order.
    ///
    /// Text around the PEM blocks and blocks of other kinds (such as keys) are skipped.
    /// - Throws: ``CryptoError`` with code ``CryptoError/Code/invalidPEM`` when the text holds no
    ///   certificate or a certificate block is damaged.
    public static func parse(pem: String) throws -> [CertificateInfo] {
        let certificates = try X509Certificate.loadAll(pem: pem, operation: "reading PEM certificates")
        return try certificates.map { try $0.info() }
    }
}
