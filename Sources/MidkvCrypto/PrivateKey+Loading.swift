import COpenSSL
import MidkvSupport

extension PrivateKey {
    /// Reads a private key block, decrypting it with `passphrase` when it is encrypted.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/passphraseRequired`` for an encrypted
    ///   key without a passphrase, ``CryptoError/Code/wrongPassphrase`` when decryption fails,
    ///   and ``CryptoError/Code/invalidPEM`` for a damaged block.
    static func load(block: PEMBlock, passphrase: Secret?, operation: String) throws -> PrivateKey {
        if block.isEncrypted, passphrase == nil {
            let detail = "the private key is encrypted (\(block.label)) and no passphrase was given"
            throw CryptoError(.passphraseRequired, operation: operation, detail: detail)
        }

        ERR_clear_error()
        let key = try MemoryBIO.reading(block.text) { bio in
            guard block.isEncrypted, let passphrase else {
                return PEM_read_bio_PrivateKey(bio, nil, MemoryBIO.noPassphrase, nil)
            }
            return passphrase.reveal().withCString { text in
                PEM_read_bio_PrivateKey(bio, nil, nil, UnsafeMutableRawPointer(mutating: text))
            }
        }

        guard let key else {
            let code: CryptoError.Code = block.isEncrypted ? .wrongPassphrase : .invalidPEM
            let detail =
                block.isEncrypted
                ? "the passphrase does not decrypt the private key" : "the \(block.label) block cannot be decoded"
            throw CryptoError.fromOpenSSLQueue(code, operation: operation, detail: detail)
        }
        return PrivateKey(pointer: key)
    }

    /// The kind and size of the key.
    var kind: SigningKey.Kind {
        let bits = Int(EVP_PKEY_get_bits(pointer))
        switch EVP_PKEY_get_base_id(pointer) {
        case EVP_PKEY_RSA:
            return .rsa(bits: bits)
        case EVP_PKEY_EC:
            return .ellipticCurve(bits: bits)
        case let id:
            let name = OBJ_nid2sn(id).map { String(cString: $0) } ?? "key type \(id)"
            return .other(name)
        }
    }

    /// The key in PKCS #8 PEM form, encrypted under `passphrase` with AES-256-CBC.
    func encryptedPEM(passphrase: Secret) throws -> Secret {
        let text = try MemoryBIO.writing(operation: "encrypting a private key") { bio in
            let secret = Array(passphrase.reveal().utf8CString)
            return secret.withUnsafeBufferPointer { buffer in
                PEM_write_bio_PKCS8PrivateKey(
                    bio,
                    pointer,
                    EVP_aes_256_cbc(),
                    buffer.baseAddress,
                    Int32(buffer.count - 1),
                    nil,
                    nil
                )
            }
        }
        return Secret(text)
    }

    /// The public half, as `BEGIN PUBLIC KEY` PEM.
    func publicKeyPEM() throws -> String {
        try MemoryBIO.writing(operation: "encoding a public key") { bio in
            PEM_write_bio_PUBKEY(bio, pointer)
        }
    }
}
