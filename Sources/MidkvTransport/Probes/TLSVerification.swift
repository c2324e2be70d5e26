/// OpenSSL's verdict on a server's certificate chain: an `X509_V_*` code and its text.
public struct TLSVerification: Sendable, Equatable, CustomStringConvertible {
    /// The chain and host name check out (`X509_V_OK`).
    public static let ok = 0
    /// `X509_V_ERR_CERT_HAS_EXPIRED`.
    public static let certificateExpired = 10
    /// `X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT`.
    public static let selfSignedLeaf = 18
    /// `X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN`.
    public static let selfSignedInChain = 19
    /// `X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY`.
    public static let issuerUnknown = 20
    /// `X509_V_ERR_HOSTNAME_MISMATCH`.
    public static let hostnameMismatch = 62

    /// The `X509_V_*` code.
    public var code: Int
    /// OpenSSL's text for the code (`self-signed certificate in certificate chain`).
    public var text: String

    /// Creates a verdict.
    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }

    /// Whether the chain is trusted and names the host.
    public var isTrusted: Bool {
        code == Self.ok
    }

    /// `19 (self-signed certificate in certificate chain)`.
    public var description: String {
        "\(code) (\(text))"
    }
}
