import COpenSSL
import MidkvSupport

/// An OpenSSL key pair (`EVP_PKEY`), owned and freed by this object.
final class PrivateKey {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Generates a fresh key pair of `type`.
    static func generate(_ type: CertificateAuthority.KeyType) throws -> PrivateKey {
        let operation = "generating a \(type) key"
        let algorithm = type == .ecdsaP256 ? EVP_PKEY_EC : EVP_PKEY_RSA
        guard let context = EVP_PKEY_CTX_new_id(algorithm, nil) else {
            throw CryptoError.fromOpenSSLQueue(.keyGeneration, operation: operation)
        }
        defer { EVP_PKEY_CTX_free(context) }

        guard EVP_PKEY_keygen_init(context) == 1, configure(context, for: type) == 1 else {
            throw CryptoError.fromOpenSSLQueue(.keyGeneration, operation: operation)
        }

        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else {
            throw CryptoError.fromOpenSSLQueue(.keyGeneration, operation: operation)
        }
        return PrivateKey(pointer: key)
    }

    /// Reads an unencrypted private key from PEM text.
    static func load(pem: Secret, operation: String) throws -> PrivateKey {
        let key = try MemoryBIO.reading(pem.reveal()) { bio in
            PEM_read_bio_PrivateKey(bio, nil, MemoryBIO.noPassphrase, nil)
        }
        guard let key else {
            let detail = "expected an unencrypted PEM private key (BEGIN PRIVATE KEY)"
            throw CryptoError.fromOpenSSLQueue(.invalidPEM, operation: operation, detail: detail)
        }
        return PrivateKey(pointer: key)
    }

    /// The key in PKCS #8 PEM form.
    func pem() throws -> Secret {
        let text = try MemoryBIO.writing(operation: "encoding a private key") { bio in
            PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil)
        }
        return Secret(text)
    }

    private static func configure(_ context: OpaquePointer, for type: CertificateAuthority.KeyType) -> Int32 {
        switch type {
        case .ecdsaP256:
            EVP_PKEY_CTX_set_ec_paramgen_curve_nid(context, NID_X9_62_prime256v1)
        case .rsa2048:
            EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048)
        }
    }
}
