import COpenSSL
import Foundation

extension SigningKey {
    /// Signs `message` with `algorithm`, as the third part of a JWS.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/unsupportedKey`` when the key is not
    ///   RSA, and ``CryptoError/Code/signing`` when OpenSSL fails.
    public func sign(_ message: some DataProtocol, algorithm: JWSAlgorithm) throws -> [UInt8] {
        let operation = "signing with \(algorithm)"
        guard kind.isRSA else {
            let detail = "\(algorithm) needs an RSA key; this key is \(kind)"
            throw CryptoError(.unsupportedKey, operation: operation, detail: detail)
        }

        let key = try decoded()
        guard let context = EVP_MD_CTX_new() else {
            throw CryptoError.fromOpenSSLQueue(.signing, operation: operation)
        }
        defer { EVP_MD_CTX_free(context) }

        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context, &keyContext, EVP_sha256(), nil, key.pointer) == 1,
            algorithm.configure(keyContext)
        else {
            throw CryptoError.fromOpenSSLQueue(.signing, operation: operation)
        }
        return try Self.signature(context, message: Array(message), operation: operation)
    }

    /// Whether this key is the private half of the first certificate in `certificatePEM`.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/invalidPEM`` when the text holds no
    ///   certificate.
    public func belongs(toCertificatePEM certificatePEM: String) throws -> Bool {
        let certificate = try X509Certificate.loadFirst(pem: certificatePEM, operation: "matching a key")
        return try belongs(to: certificate)
    }

    /// The position of the first certificate in a PEM bundle that this key belongs to, or `nil`.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/invalidPEM`` when the text holds no
    ///   certificate or a certificate block is damaged.
    public func matchingCertificateIndex(inPEM bundle: String) throws -> Int? {
        let certificates = try X509Certificate.loadAll(pem: bundle, operation: "matching a key")
        for (index, certificate) in certificates.enumerated() where try belongs(to: certificate) {
            return index
        }
        return nil
    }

    func belongs(to certificate: X509Certificate) throws -> Bool {
        let key = try decoded()
        let matches = X509_check_private_key(certificate.pointer, key.pointer) == 1
        ERR_clear_error()
        return matches
    }

    private static func signature(_ context: OpaquePointer, message: [UInt8], operation: String) throws -> [UInt8] {
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.signing, operation: operation)
        }

        var output = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &output, &length, message, message.count) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.signing, operation: operation)
        }
        return Array(output.prefix(length))
    }
}
