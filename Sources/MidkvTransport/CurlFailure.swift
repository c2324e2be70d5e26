import Glibc

/// What libcurl reported about a failed transfer, and the ``TransportError/Kind`` it means.
///
/// The mapping follows what libcurl 7.88 with OpenSSL reports for each fault on this platform:
/// the result code alone is ambiguous for resets, timeouts and certificate failures, so the
/// `errno`, the verification result, the proxy's CONNECT status and whether the TCP connection
/// was made decide between them.
struct CurlFailure: Equatable {
    /// libcurl's `CURLcode`.
    var code: Int
    /// `CURLINFO_OS_ERRNO`.
    var osErrno: Int32 = 0
    /// `CURLINFO_SSL_VERIFYRESULT`.
    var verifyResult: Int = 0
    /// `CURLINFO_HTTP_CONNECTCODE`.
    var connectCode: Int = 0
    /// Whether the TCP connection was established (`CURLINFO_CONNECT_TIME` above zero).
    var connected: Bool = false
    /// libcurl's error text.
    var text: String = ""
    /// Whether the loopback guard refused the connection.
    var blocked: Bool = false

    /// OpenSSL's `X509_V_ERR_HOSTNAME_MISMATCH`.
    static let hostnameMismatchResult = 62

    /// The kind of failure these facts describe.
    var kind: TransportError.Kind {
        if blocked {
            return .nonLoopbackBlocked
        }

        if connectCode >= 300 {
            return .proxyFailure
        }
        return kindFromCode
    }

    private var kindFromCode: TransportError.Kind {
        switch code {
        case 1, 3:
            .invalidURL
        case 5:
            .proxyUnresolved
        case 6:
            .dnsFailure
        case 7:
            connectKind
        case 28:
            isConnectPhase ? .connectTimeout : .readTimeout
        case 52:
            .emptyReply
        case 55, 56:
            isReset ? .connectionReset : .other
        case 35:
            isReset ? .connectionReset : .tlsHandshake
        case 60:
            isHostnameMismatch ? .tlsHostnameMismatch : .tlsUntrusted
        case 53, 54, 58, 59, 64, 66, 77, 80, 82, 83, 90, 91, 98:
            .tlsHandshake
        default:
            .other
        }
    }

    private var connectKind: TransportError.Kind {
        switch osErrno {
        case ECONNREFUSED:
            .connectionRefused
        case ETIMEDOUT:
            .connectTimeout
        case ECONNRESET:
            .connectionReset
        default:
            .other
        }
    }

    /// Whether no TCP connection was made: refused, unreachable, or timed out connecting.
    var isConnectFailure: Bool {
        code == 7 || (code == 28 && isConnectPhase)
    }

    private var isConnectPhase: Bool {
        osErrno == ETIMEDOUT || !connected
    }

    private var isReset: Bool {
        osErrno == ECONNRESET || ((code == 55 || code == 35) && osErrno == EPIPE)
    }

    private var isHostnameMismatch: Bool {
        verifyResult == Self.hostnameMismatchResult
            || text.contains("no alternative certificate subject name")
            || text.contains("does not match target host name")
    }
}
