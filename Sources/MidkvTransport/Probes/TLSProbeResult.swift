import MidkvCrypto

/// What a TLS handshake showed: how it ended, the chain the server presented, and OpenSSL's
/// verdict on it.
public struct TLSProbeResult: Sendable, Equatable {
    /// How the handshake ended.
    public enum Outcome: Sendable, Equatable {
        /// The handshake completed (whatever the verdict on the chain).
        case completed
        /// The TCP connection (to the server, or to the proxy) failed; see
        /// ``TLSProbeResult/connection``.
        case connectFailed
        /// The proxy did not open the tunnel; see ``TLSProbeResult/proxy``.
        case proxyFailed
        /// The peer or a middlebox reset the connection during the handshake (`ECONNRESET`).
        case resetDuringHandshake
        /// The server does not speak TLS; the text is what it sent or OpenSSL's reason
        /// (`wrong version number`).
        case notTLS(String)
        /// The handshake did not finish within the time box.
        case timedOut
        /// The server closed the connection during the handshake.
        case closed
        /// The handshake failed for another reason (OpenSSL's text).
        case handshakeFailed(String)
        /// The trusted certificates could not be loaded (the text names the file).
        case trustUnavailable(String)
    }

    /// The host name sent as the TLS server name and checked against the certificate.
    public var serverName: String
    /// The server port (the port asked for through a proxy).
    public var port: Int
    /// How the handshake ended.
    public var outcome: Outcome
    /// The TCP connection: to the server when direct, to the proxy otherwise.
    public var connection: TCPProbeResult?
    /// The tunnel request, when the handshake went through a proxy.
    public var proxy: ProxyProbeResult?
    /// The certificates the server presented, leaf first.
    public var chain: [CertificateInfo]
    /// The chain OpenSSL built towards a trusted root, leaf first; it ends at the root only when
    /// verification reached one.
    public var verifiedChain: [CertificateInfo]
    /// OpenSSL's verdict on the chain and host name, once the handshake completed.
    public var verification: TLSVerification?
    /// The negotiated protocol (`TLSv1.3`).
    public var protocolVersion: String?
    /// The negotiated cipher suite.
    public var cipher: String?
    /// The operating system's error when the connection failed during the handshake.
    public var osError: SocketErrno?
    /// How long the handshake took, after the connection (and any tunnel) was made.
    public var handshakeMilliseconds: Int
    /// How long the whole probe took.
    public var milliseconds: Int

    /// Creates a result.
    public init(
        serverName: String,
        port: Int,
        outcome: Outcome,
        connection: TCPProbeResult? = nil,
        proxy: ProxyProbeResult? = nil,
        chain: [CertificateInfo] = [],
        verifiedChain: [CertificateInfo] = [],
        verification: TLSVerification? = nil,
        protocolVersion: String? = nil,
        cipher: String? = nil,
        osError: SocketErrno? = nil,
        handshakeMilliseconds: Int = 0,
        milliseconds: Int = 0
    ) {
        self.serverName = serverName
        self.port = port
        self.outcome = outcome
        self.connection = connection
        self.proxy = proxy
        self.chain = chain
        self.verifiedChain = verifiedChain
        self.verification = verification
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.osError = osError
        self.handshakeMilliseconds = handshakeMilliseconds
        self.milliseconds = milliseconds
    }
}
