import CCurl
import Foundation
import MidkvSupport

extension CurlTransfer {
    /// Applies the request's and the configuration's settings to the easy handle.
    func applyOptions(request: HTTPRequest, configuration: TransportConfiguration) throws(TransportError) {
        try applyBasics(configuration: configuration)
        try applyTimeouts(request: request, configuration: configuration)
        try applyMethodAndBody(request)
        try applyHeaders(request)

        try applyTrust(configuration)
        try applyConnectTo(configuration)
        try applyProxy(request: request, configuration: configuration)
        try applyCallbacks()
    }

    private func applyBasics(configuration: TransportConfiguration) throws(TransportError) {
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try set(CURLOPT_URL, target.url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")

        try set(CURLOPT_FOLLOWLOCATION, 0)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        try set(CURLOPT_ACCEPT_ENCODING, "")
        try set(CURLOPT_USERAGENT, configuration.userAgent)
    }

    private func applyTimeouts(request: HTTPRequest, configuration: TransportConfiguration) throws(TransportError) {
        let connect = request.connectTimeout ?? configuration.connectTimeout
        let total = request.timeout ?? configuration.requestTimeout

        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connect))
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(total))
    }

    private func applyMethodAndBody(_ request: HTTPRequest) throws(TransportError) {
        switch request.method {
        case .get:
            try set(CURLOPT_HTTPGET, 1)
        case .head:
            try set(CURLOPT_NOBODY, 1)
        case .post:
            break
        case .put, .patch, .delete:
            try set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }

        if let body = Self.body(of: request) {
            try setBody(body)
        }
    }

    private func setBody(_ body: Data) throws(TransportError) {
        try check(ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))

        // libcurl copies the bytes, so the buffer need not outlive this call; an empty body
        // still needs a valid pointer.
        var bytes = [UInt8](body)
        bytes.append(0)
        let code = bytes.withUnsafeBytes { raw in
            ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, raw.baseAddress)
        }
        try check(code)
    }

    private func applyHeaders(_ request: HTTPRequest) throws(TransportError) {
        var lines = try HeaderLines.lines(for: request.headers, target: target)

        // libcurl would otherwise add `Expect: 100-continue` to larger bodies and a form
        // content type to every body.
        lines.append("Expect:")
        if Self.body(of: request) != nil, !request.headers.contains("Content-Type") {
            lines.append("Content-Type:")
        }

        headerList = Self.list(lines)
        try set(CURLOPT_HTTPHEADER, pointer: headerList)
    }

    private func applyTrust(_ configuration: TransportConfiguration) throws(TransportError) {
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)

        guard let caFile = configuration.caFile else {
            return
        }

        try set(CURLOPT_CAINFO, caFile)
        try set(CURLOPT_CAPATH, pointer: nil)
    }

    private func applyConnectTo(_ configuration: TransportConfiguration) throws(TransportError) {
        guard let connectTo = configuration.connectTo, !target.isLoopback else {
            return
        }

        guard Self.isHostAndPort(connectTo) else {
            throw error(.other, "the connect-to address must be host:port, such as 127.0.0.1:8443")
        }

        connectToList = Self.list(["::" + connectTo])
        try set(CURLOPT_CONNECT_TO, pointer: connectToList)
    }

    private func applyProxy(request: HTTPRequest, configuration: TransportConfiguration) throws(TransportError) {
        try set(CURLOPT_NOPROXY, configuration.noProxy.joined(separator: ","))

        guard request.proxyUse == .configured, let proxy = configuration.proxy else {
            try set(CURLOPT_PROXY, "")
            return
        }

        let host = proxy.host.contains(":") ? "[\(proxy.host)]" : proxy.host
        try set(CURLOPT_PROXY, "http://\(host):\(proxy.port)")
        try set(CURLOPT_HTTPPROXYTUNNEL, 1)
        try set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)

        if let username = proxy.username {
            try set(CURLOPT_PROXYUSERNAME, username)
            try set(CURLOPT_PROXYPASSWORD, proxy.password?.reveal() ?? "")
        }
    }

    private func applyCallbacks() throws(TransportError) {
        let context = Unmanaged.passUnretained(self).toOpaque()

        try check(ccurl_setopt_write_callback(handle, receiveBody))
        try set(CURLOPT_WRITEDATA, pointer: context)
        try check(ccurl_setopt_header_callback(handle, receiveHeader))
        try set(CURLOPT_HEADERDATA, pointer: context)
        try check(ccurl_setopt_opensocket_callback(handle, openGuardedSocket))
        try set(CURLOPT_OPENSOCKETDATA, pointer: context)
    }

    // MARK: - Setting options

    private func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_setopt_long(handle, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        let code = value.withCString { ccurl_setopt_pointer(handle, option, $0) }
        try check(code)
    }

    private func set(_ option: CURLoption, pointer: UnsafeRawPointer?) throws(TransportError) {
        try check(ccurl_setopt_pointer(handle, option, pointer))
    }

    private func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else {
            throw error(.other, "libcurl refused an option: \(String(cString: curl_easy_strerror(code)))")
        }
    }

    // MARK: - Helpers

    private static func body(of request: HTTPRequest) -> Data? {
        switch request.method {
        case .post, .put, .patch:
            request.body ?? Data()
        case .get, .head, .delete:
            request.body
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, total))
    }

    private static func isHostAndPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex else {
            return false
        }

        let port = Int(text[text.index(after: colon)...]) ?? 0
        return (1...65535).contains(port)
    }

    private static func list(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
        lines.reduce(nil) { list, line in
            curl_slist_append(list, line)
        }
    }
}
