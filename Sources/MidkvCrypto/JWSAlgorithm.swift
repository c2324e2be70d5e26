import COpenSSL

/// The JSON Web Signature algorithms midkv signs and checks client assertions with (RFC 7518).
///
/// Both are RSA signatures over SHA-256; Entra ID accepts RSA keys only for certificate
/// credentials and federated tokens, so elliptic-curve algorithms are not offered.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt.
    case ps256 = "PS256"

    /// Parses an algorithm name as written in a JWT header or a setting, ignoring case.
    public init?(name: String) {
        guard let match = Self(rawValue: name.uppercased()) else {
            return nil
        }
        self = match
    }

    public var description: String {
        rawValue
    }

    /// Sets the padding the algorithm needs on a signing or verifying context.
    func configure(_ context: OpaquePointer?) -> Bool {
        guard self == .ps256 else {
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) > 0
        }
        return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) > 0
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(context, RSA_PSS_SALTLEN_DIGEST) > 0
    }
}
