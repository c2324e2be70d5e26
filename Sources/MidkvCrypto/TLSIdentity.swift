import MidkvSupport

/// A certificate chain and its private key, in PEM, as a TLS server presents them.
public struct TLSIdentity: Sendable, Equatable {
    /// The leaf certificate followed by any intermediates, PEM-encoded.
    public var certificateChainPEM: String
    /// The leaf's private key, PEM-encoded.
    public var privateKeyPEM: Secret

    /// Creates an identity.
    public init(certificateChainPEM: String, privateKeyPEM: Secret) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
    }
}
