import CCurl
import Foundation
import MidkvSupport
import Synchronization

/// One request on its way through libcurl: the easy handle, the buffers libcurl writes into,
/// and the continuation that waits for the outcome.
///
/// The caller's thread builds the transfer; once ``CurlMultiLoop`` has taken it, only the loop's
/// thread touches it, apart from the atomic ``isCancelRequested`` flag. That hand-over is what
/// makes the unchecked `Sendable` conformance sound.
final class CurlTransfer: @unchecked Sendable {
    /// The easy handle.
    let handle: UnsafeMutableRawPointer
    /// The request's URL parts.
    let target: RequestTarget
    /// Whether this transfer may only connect to loopback addresses.
    let loopbackOnly: Bool
    /// Set once the caller gave up; the loop then ends the transfer with `cancelled`.
    let cancelRequested = Atomic<Bool>(false)
    /// Resumed exactly once, by the loop thread (or by the caller when the loop has stopped).
    var continuation: CheckedContinuation<HTTPResponse, any Error>?

    var responseHeaders = HTTPHeaders()
    var responseBody = Data()
    var blockedAttempt: NetworkGuard.BlockedAttempt?
    /// The last address a socket was opened for, in case libcurl does not report one.
    var attemptedAddress: String?
    /// The port of that socket: libcurl reports none for a connection that failed.
    var attemptedPort: Int?
    /// The proxy this request goes through unless the no-proxy list exempts its host.
    let proxy: (address: String, port: Int)?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var connectToList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>
    private var isReleased = false

    /// Creates the easy handle and applies every option the request and configuration call for.
    ///
    /// - Throws: ``TransportError`` when an option is refused or a header cannot be sent.
    init(
        request: HTTPRequest,
        target: RequestTarget,
        configuration: TransportConfiguration
    ) throws(TransportError) {
        guard CurlRuntime.prepare(), let handle = curl_easy_init() else {
            throw TransportError(
                kind: .other,
                host: target.host,
                port: target.port,
                detail: "libcurl could not be initialised"
            )
        }

        self.handle = handle
        self.target = target
        self.loopbackOnly = configuration.loopbackOnly
        self.proxy =
            request.proxyUse == .configured ? configuration.proxy.map { ("\($0.host):\($0.port)", $0.port) } : nil
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))

        try applyOptions(request: request, configuration: configuration)
    }

    deinit {
        release()
        errorBuffer.deallocate()
    }

    /// Whether the caller asked to cancel.
    var isCancelRequested: Bool {
        cancelRequested.load(ordering: .acquiring)
    }

    /// Marks the transfer as cancelled by its caller.
    func requestCancel() {
        cancelRequested.store(true, ordering: .releasing)
    }

    /// Resumes the waiting caller with `result` and frees the easy handle.
    func finish(_ result: Result<HTTPResponse, TransportError>) {
        release()

        let waiting = continuation
        continuation = nil
        waiting?.resume(with: result.mapError { $0 })
    }

    /// Collects the outcome of a transfer libcurl reported as done.
    func outcome(of code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard code == CURLE_OK else {
            return .failure(error(for: code))
        }

        let response = HTTPResponse(
            status: longInfo(CURLINFO_RESPONSE_CODE),
            headers: responseHeaders,
            body: responseBody,
            remoteAddress: primaryAddress
        )
        return .success(response)
    }

    /// An error of `kind` for this transfer's host, without libcurl's facts.
    func error(_ kind: TransportError.Kind, _ detail: String) -> TransportError {
        TransportError(kind: kind, host: target.host, port: target.port, detail: detail)
    }

    private func error(for code: CURLcode) -> TransportError {
        let failure = failureFacts(for: code)
        let kind = failure.kind

        var error = TransportError(
            kind: kind,
            host: target.host,
            port: target.port,
            curlCode: failure.code,
            osErrno: failure.osErrno == 0 ? nil : failure.osErrno,
            tlsVerifyResult: failure.code == 60 && failure.verifyResult != 0 ? failure.verifyResult : nil,
            proxyStatus: failure.connectCode == 0 ? nil : failure.connectCode,
            remoteAddress: blockedAttempt?.address ?? primaryAddress ?? attemptedAddress,
            proxyAddress: failure.isConnectFailure && attemptedPort == proxy?.port ? proxy?.address : nil,
            detail: failure.text
        )
        if let blockedAttempt {
            error.detail =
                "refused to connect to \(blockedAttempt.address) for \(target.host): only loopback addresses are allowed"
        }
        return error
    }

    private func failureFacts(for code: CURLcode) -> CurlFailure {
        let bufferText = String(cString: errorBuffer)
        let text = bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText

        var connectTime = 0.0
        _ = ccurl_getinfo_double(handle, CURLINFO_CONNECT_TIME, &connectTime)

        return CurlFailure(
            code: Int(code.rawValue),
            osErrno: Int32(truncatingIfNeeded: longInfo(CURLINFO_OS_ERRNO)),
            verifyResult: longInfo(CURLINFO_SSL_VERIFYRESULT),
            connectCode: longInfo(CURLINFO_HTTP_CONNECTCODE),
            connected: connectTime > 0,
            text: text,
            blocked: blockedAttempt != nil
        )
    }

    private var primaryAddress: String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard ccurl_getinfo_string(handle, CURLINFO_PRIMARY_IP, &pointer) == CURLE_OK, let pointer else {
            return nil
        }

        let address = String(cString: pointer)
        return address.isEmpty ? nil : address
    }

    private func longInfo(_ info: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_getinfo_long(handle, info, &value)
        return value
    }

    private func release() {
        guard !isReleased else {
            return
        }

        isReleased = true
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        curl_slist_free_all(connectToList)
        headerList = nil
        connectToList = nil
    }
}
