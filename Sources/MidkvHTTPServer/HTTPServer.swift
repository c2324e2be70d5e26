import MidkvCrypto
import MidkvSupport

/// A small HTTP/1.1 server on Glibc sockets, with TLS from OpenSSL and scripted failure modes.
///
/// Each endpoint gets an accept thread and each connection a thread of its own, on which the
/// handler runs; a handler may block (to play a slow service) without holding up other
/// connections. Requests may carry `Content-Length` or chunked bodies and `Expect: 100-continue`;
/// HTTP/1.1 connections stay open between requests unless either side asks to close.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(endpoints: [.tcp(host: "127.0.0.1", port: 0)])) { request in
///     .text(200, "hello")
/// }
/// try server.start()
/// defer { server.stop() }
/// ```
///
/// Requests the server refuses before the handler get 400 (malformed), 431 (head too large),
/// 413 (body too large), 417, 501, 505, or 503 (too many connections), then the connection closes.
public final class HTTPServer: Sendable {
    private let core: ServerCore

    /// Creates a stopped server; ``start()`` binds its endpoints.
    public init(configuration: Configuration, handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse) {
        core = ServerCore(configuration: configuration, handler: handler)
    }

    deinit {
        core.stop()
    }

    /// The configuration the server was created with.
    public var configuration: Configuration {
        core.configuration
    }

    /// Binds every endpoint and starts accepting connections.
    ///
    /// - Throws: ``HTTPServerError`` naming the endpoint and `errno`: ``HTTPServerError/Code/addressInUse``,
    ///   ``HTTPServerError/Code/permissionDenied``, ``HTTPServerError/Code/invalidEndpoint``,
    ///   ``HTTPServerError/Code/tlsSetup`` for an unusable identity, or
    ///   ``HTTPServerError/Code/invalidState`` when called twice.
    public func start() throws {
        try core.start()
    }

    /// The port bound by the first TCP endpoint (the real one when it asked for port 0).
    public var tcpPort: UInt16? {
        core.tcpPort
    }

    /// Presents `identity` to connections accepted from now on; open connections keep theirs.
    ///
    /// Switching to a certificate from another authority plays a TLS-inspecting proxy.
    /// - Throws: ``HTTPServerError`` with ``HTTPServerError/Code/tlsSetup`` when the identity cannot be
    ///   loaded or TLS is off.
    public func setTLSIdentity(_ identity: TLSIdentity) throws {
        try core.setTLSIdentity(identity)
    }

    /// Counters since the server started.
    public var statistics: Statistics {
        core.statistics
    }

    /// Closes listeners and open connections, waits for their threads, and removes Unix socket files.
    ///
    /// Idle connections close at once; a handler still running is waited for (up to 30 seconds).
    /// Calling it again does nothing. Do not call it from a handler.
    public func stop() {
        core.stop()
    }
}
