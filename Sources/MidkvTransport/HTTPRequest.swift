import Foundation
import MidkvSupport

/// An outbound HTTP request, as midkv's clients build it.
public struct HTTPRequest: Sendable {
    /// The request method.
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
        case head = "HEAD"
    }

    /// How the request may use the configured proxy.
    public enum ProxyUse: Sendable, Equatable {
        /// Use the transport's proxy, subject to its no-proxy list.
        case configured
        /// Connect directly whatever the configuration says (managed identity endpoints).
        case never
    }

    /// The method.
    public var method: Method
    /// The absolute URL.
    public var url: URL
    /// The header fields to send. `Authorization` values are never logged.
    public var headers: HTTPHeaders
    /// The body, if any.
    public var body: Data?
    /// Whether the configured proxy applies.
    public var proxyUse: ProxyUse
    /// The connect time-out for this request, or `nil` for the transport's default.
    public var connectTimeout: Duration?
    /// The whole-request time-out for this request, or `nil` for the transport's default.
    public var timeout: Duration?

    /// Creates a request.
    public init(
        method: Method,
        url: URL,
        headers: HTTPHeaders = HTTPHeaders(),
        body: Data? = nil,
        proxyUse: ProxyUse = .configured,
        connectTimeout: Duration? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.proxyUse = proxyUse
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Data
    /// The address actually connected to (`127.0.0.1`), when known.
    public var remoteAddress: String?

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(), remoteAddress: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }
}

/// Sends HTTP requests. midkv's one implementation runs libcurl on its own thread; tests may
/// substitute a scripted transport.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the complete response, whatever its status.
    ///
    /// - Throws: ``TransportError`` when no HTTP response arrived.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
