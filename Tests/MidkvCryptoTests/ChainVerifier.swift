import COpenSSL
import Foundation
import MidkvCrypto

/// Verifies a certificate chain with OpenSSL's own path validation, as a TLS client would.
enum ChainVerifier {
    /// The X.509 verification result: `X509_V_OK` (0) or an `X509_V_ERR_*` code.
    static func verify(chainPEM: String, trusting rootPEM: String, host: String? = nil, ip: String? = nil) -> Int32 {
        let chain = certificates(chainPEM)
        let roots = certificates(rootPEM)
        defer {
            for certificate in chain + roots {
                X509_free(certificate)
            }
        }

        let store = X509_STORE_new()
        let context = X509_STORE_CTX_new()
        let untrusted = OPENSSL_sk_new_null()
        defer {
            OPENSSL_sk_free(untrusted)
            X509_STORE_CTX_free(context)
            X509_STORE_free(store)
        }

        for root in roots {
            X509_STORE_add_cert(store, root)
        }
        for intermediate in chain.dropFirst() {
            OPENSSL_sk_push(untrusted, UnsafeRawPointer(intermediate))
        }
        X509_STORE_CTX_init(context, store, chain.first, untrusted)

        let parameters = X509_STORE_CTX_get0_param(context)
        if let host {
            X509_VERIFY_PARAM_set1_host(parameters, host, 0)
        }
        if let ip {
            X509_VERIFY_PARAM_set1_ip_asc(parameters, ip)
        }

        let verified = X509_verify_cert(context) == 1
        ERR_clear_error()
        return verified ? X509_V_OK : X509_STORE_CTX_get_error(context)
    }

    private static func certificates(_ pem: String) -> [OpaquePointer] {
        let bytes = Array(pem.utf8)
        return bytes.withUnsafeBytes { buffer in
            let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count))
            defer { BIO_free(bio) }

            var found: [OpaquePointer] = []
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                found.append(certificate)
            }
            ERR_clear_error()
            return found
        }
    }
}
