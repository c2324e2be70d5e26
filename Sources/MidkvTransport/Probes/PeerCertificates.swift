import COpenSSL
import MidkvCrypto

/// Turns OpenSSL certificate stacks into ``CertificateInfo`` values.
enum PeerCertificates {
    /// Describes every certificate of a `STACK_OF(X509)`, in order; unreadable ones are skipped.
    static func describe(_ stack: OpaquePointer?) -> [CertificateInfo] {
        guard let stack else {
            return []
        }

        return (0..<copenssl_sk_x509_num(stack)).compactMap { index in
            copenssl_sk_x509_value(stack, index).flatMap(pem).flatMap { try? CertificateInfo.parse(pem: $0).first }
        }
    }

    private static func pem(_ certificate: OpaquePointer) -> String? {
        guard let bio = BIO_new(BIO_s_mem()) else {
            return nil
        }
        defer { BIO_free(bio) }

        guard PEM_write_bio_X509(bio, certificate) == 1 else {
            return nil
        }

        var data: UnsafeMutablePointer<CChar>?
        let length = copenssl_bio_get_mem_data(bio, &data)
        guard let data, length > 0 else {
            return nil
        }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }
}
