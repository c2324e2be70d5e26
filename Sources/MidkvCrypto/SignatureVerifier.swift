import COpenSSL
import Foundation

/// Checks JWS signatures with a public key taken from a certificate or a `PUBLIC KEY` PEM.
///
/// The emulator uses it to verify client assertions against registered certificates and
/// federated tokens against an issuer's key.
public struct SignatureVerifier: Sendable, Equatable {
    /// The public key, as `BEGIN PUBLIC KEY` PEM.
    public let publicKeyPEM: String
    /// What kind of key it is.
    public let kind: SigningKey.Kind

    /// A verifier for the public key of the first certificate in `certificatePEM`.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/invalidPEM``.
    public init(certificatePEM: String) throws {
        let operation = "reading a certificate's public key"
        let certificate = try X509Certificate.loadFirst(pem: certificatePEM, operation: operation)
        guard let key = X509_get_pubkey(certificate.pointer) else {
            throw CryptoError.fromOpenSSLQueue(.invalidPEM, operation: operation)
        }

        let holder = PrivateKey(pointer: key)
        self.publicKeyPEM = try holder.publicKeyPEM()
        self.kind = holder.kind
    }

    /// A verifier for a `BEGIN PUBLIC KEY` PEM.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/invalidPEM``.
    public init(publicKeyPEM: String) throws {
        let holder = try Self.load(publicKeyPEM, operation: "reading a public key")
        self.publicKeyPEM = try holder.publicKeyPEM()
        self.kind = holder.kind
    }

    /// Whether `signature` is `algorithm`'s signature of `message` under this key.
    public func isValid(_ signature: some DataProtocol, of message: some DataProtocol, algorithm: JWSAlgorithm) -> Bool
    {
        defer { ERR_clear_error() }
        guard kind.isRSA, let key = try? Self.load(publicKeyPEM, operation: "verifying a signature"),
            let context = EVP_MD_CTX_new()
        else {
            return false
        }
        defer { EVP_MD_CTX_free(context) }

        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, EVP_sha256(), nil, key.pointer) == 1,
            algorithm.configure(keyContext)
        else {
            return false
        }

        let signatureBytes = Array(signature)
        let messageBytes = Array(message)
        return EVP_DigestVerify(context, signatureBytes, signatureBytes.count, messageBytes, messageBytes.count) == 1
    }

    private static func load(_ pem: String, operation: String) throws -> PrivateKey {
        let key = try MemoryBIO.reading(pem) { bio in
            PEM_read_bio_PUBKEY(bio, nil, MemoryBIO.noPassphrase, nil)
        }
        guard let key else {
            let detail = "expected a PEM public key (BEGIN PUBLIC KEY)"
            throw CryptoError.fromOpenSSLQueue(.invalidPEM, operation: operation, detail: detail)
        }
        return PrivateKey(pointer: key)
    }
}
