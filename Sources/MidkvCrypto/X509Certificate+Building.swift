import COpenSSL
import Foundation

extension X509Certificate {
    /// A new, unsigned version 3 certificate carrying `key`'s public half.
    static func unsigned(publicKeyOf key: PrivateKey, operation: String) throws -> X509Certificate {
        guard let pointer = X509_new() else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
        let certificate = X509Certificate(taking: pointer)

        guard X509_set_version(pointer, 2) == 1, X509_set_pubkey(pointer, key.pointer) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
        try certificate.setRandomSerial(operation: operation)
        return certificate
    }

    /// Sets the validity window; `notAfter` must come after `notBefore`.
    func setValidity(notBefore: Date, notAfter: Date, operation: String) throws {
        guard notAfter > notBefore else {
            let detail = "the validity window ends before it starts; pass a notAfter later than notBefore"
            throw CryptoError(.invalidInput, operation: operation, detail: detail)
        }

        let start = time_t(notBefore.timeIntervalSince1970.rounded(.down))
        let end = time_t(notAfter.timeIntervalSince1970.rounded(.down))
        guard ASN1_TIME_set(X509_getm_notBefore(pointer), start) != nil,
            ASN1_TIME_set(X509_getm_notAfter(pointer), end) != nil
        else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
    }

    /// Sets the subject to `CN=commonName` (and `O=organization` when given).
    func setSubject(commonName: String, organization: String?, operation: String) throws {
        let name = X509_get_subject_name(pointer)
        var entries = [("CN", commonName)]
        if let organization {
            entries.insert(("O", organization), at: 0)
        }

        for (field, value) in entries {
            let bytes = Array(value.utf8)
            guard X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1 else {
                let detail = "the \(field) value '\(value)' is not acceptable (at most 64 characters)"
                throw CryptoError.fromOpenSSLQueue(.invalidInput, operation: operation, detail: detail)
            }
        }
    }

    /// Names `issuer`'s subject as this certificate's issuer.
    func setIssuer(_ issuer: X509Certificate, operation: String) throws {
        guard X509_set_issuer_name(pointer, X509_get_subject_name(issuer.pointer)) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
    }

    /// Adds an extension written in OpenSSL's configuration syntax (`critical,CA:TRUE`).
    func addExtension(_ nid: Int32, _ value: String, issuer: X509Certificate, operation: String) throws {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer.pointer, pointer, nil, nil, 0)

        guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
            let detail = "could not encode the extension value '\(value)'"
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation, detail: detail)
        }
        defer { X509_EXTENSION_free(ext) }

        guard X509_add_ext(pointer, ext, -1) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
    }

    /// Signs the certificate with `key` over SHA-256.
    func sign(with key: PrivateKey, operation: String) throws {
        guard X509_sign(pointer, key.pointer, EVP_sha256()) > 0 else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
    }

    /// A positive 128-bit random serial number, as RFC 5280 recommends.
    private func setRandomSerial(operation: String) throws {
        var bytes = SecureRandom.bytes(16)
        bytes[0] = (bytes[0] & 0x7f) | 0x40

        guard ASN1_STRING_set(X509_get_serialNumber(pointer), bytes, Int32(bytes.count)) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.certificateCreation, operation: operation)
        }
    }
}
