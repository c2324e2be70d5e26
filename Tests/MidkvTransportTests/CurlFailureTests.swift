import Glibc
import Testing

@testable import MidkvTransport

@Suite("CurlFailure")
struct CurlFailureTests {
    static let cases: [(CurlFailure, TransportError.Kind)] = [
        (CurlFailure(code: 6, text: "Could not resolve host: nothere.invalid"), .dnsFailure),
        (CurlFailure(code: 5, text: "Could not resolve proxy: noproxy.invalid"), .proxyUnresolved),
        (CurlFailure(code: 7, osErrno: ECONNREFUSED), .connectionRefused),
        (CurlFailure(code: 7, osErrno: ECONNRESET, connected: false), .connectionReset),
        (CurlFailure(code: 7, osErrno: ETIMEDOUT), .connectTimeout),
        (CurlFailure(code: 7, osErrno: ENETUNREACH), .other),
        (CurlFailure(code: 28, osErrno: ETIMEDOUT, connected: false), .connectTimeout),
        (CurlFailure(code: 28, osErrno: 0, connected: false), .connectTimeout),
        (CurlFailure(code: 28, osErrno: 0, connected: true), .readTimeout),
        (CurlFailure(code: 56, osErrno: ECONNRESET, connected: true), .connectionReset),
        (CurlFailure(code: 55, osErrno: ECONNRESET, connected: true), .connectionReset),
        (CurlFailure(code: 55, osErrno: EPIPE, connected: true), .connectionReset),
        (CurlFailure(code: 56, osErrno: 0, connected: true), .other),
        (CurlFailure(code: 35, osErrno: ECONNRESET, connected: true), .connectionReset),
        (CurlFailure(code: 35, text: "error:0A00010B:SSL routines::wrong version number"), .tlsHandshake),
        (CurlFailure(code: 52, connected: true), .emptyReply),
        (CurlFailure(code: 60, verifyResult: 19), .tlsUntrusted),
        (CurlFailure(code: 60, verifyResult: 20), .tlsUntrusted),
        (CurlFailure(code: 60, verifyResult: 62), .tlsHostnameMismatch),
        (
            CurlFailure(
                code: 60,
                text: "SSL: no alternative certificate subject name matches target host name 'wrongname.local'"
            ),
            .tlsHostnameMismatch
        ),
        (CurlFailure(code: 77, text: "error setting certificate file: /missing.pem"), .tlsHandshake),
        (CurlFailure(code: 56, connectCode: 403, text: "CONNECT tunnel failed, response 403"), .proxyFailure),
        (CurlFailure(code: 56, connectCode: 500), .proxyFailure),
        (CurlFailure(code: 7, osErrno: 0, blocked: true), .nonLoopbackBlocked),
        (CurlFailure(code: 3), .invalidURL),
        (CurlFailure(code: 27), .other),
    ]

    @Test("libcurl's facts map to the kind measured for each fault", arguments: cases)
    func classification(failure: CurlFailure, expected: TransportError.Kind) {
        #expect(failure.kind == expected)
    }
}
