import COpenSSL
import Foundation

extension SigningKey {
    /// A self-signed certificate for this key, PEM-encoded, as an app registration's client
    /// certificate is usually made (`openssl req -x509`).
    ///
    /// The certificate carries basic constraints `CA:FALSE`, key usage `digitalSignature`,
    /// extended key usage `clientAuth` and a subject key identifier. Any validity window is
    /// accepted, past ones included, so tests can make expired certificates.
    /// - Parameters:
    ///   - commonName: The subject's CN, such as `midkv-discovery`.
    ///   - notBefore: Start of validity; an hour ago unless given.
    ///   - notAfter: End of validity; a year from now unless given.
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/certificateCreation`` or
    ///   ``CryptoError/Code/invalidInput``.
    public func selfSignedCertificatePEM(
        commonName: String,
        notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(365 * 86_400)
    ) throws -> String {
        let operation = "making a self-signed certificate for '\(commonName)'"
        let key = try decoded()
        let certificate = try X509Certificate.unsigned(publicKeyOf: key, operation: operation)

        try certificate.setValidity(notBefore: notBefore, notAfter: notAfter, operation: operation)
        try certificate.setSubject(commonName: commonName, organization: nil, operation: operation)
        try certificate.setIssuer(certificate, operation: operation)

        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "clientAuth"),
            (NID_subject_key_identifier, "hash"),
        ]
        for (nid, value) in extensions {
            try certificate.addExtension(nid, value, issuer: certificate, operation: operation)
        }

        try certificate.sign(with: key, operation: operation)
        return try certificate.pem()
    }
}
