import MidkvSupport

/// Private keys for callers outside this module: test data, demo credentials, client
/// certificates.
public enum KeyMaterial {
    /// A newly generated private key, PEM-encoded in PKCS#8 form (`BEGIN PRIVATE KEY`).
    ///
    /// - Throws: ``CryptoError`` when OpenSSL cannot generate or encode the key.
    public static func newPrivateKeyPEM(_ type: CertificateAuthority.KeyType) throws -> Secret {
        try PrivateKey.generate(type).pem()
    }
}
