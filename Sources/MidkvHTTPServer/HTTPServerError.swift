import Glibc

/// A server that could not start or change its TLS identity, naming the endpoint and the system error.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier for the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The identifier text, such as `server.address-in-use`.
        public let rawValue: String

        private init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String {
            rawValue
        }

        /// Another socket already listens on the address or path.
        public static let addressInUse = Code("server.address-in-use")
        /// The process may not bind the port or create, change or remove the socket file.
        public static let permissionDenied = Code("server.permission-denied")
        /// The endpoint cannot be used as written (not a numeric address, path too long, not a socket).
        public static let invalidEndpoint = Code("server.invalid-endpoint")
        /// A socket call failed for another reason.
        public static let socketFailure = Code("server.socket-failure")
        /// The TLS identity could not be loaded, or TLS is off.
        public static let tlsSetup = Code("server.tls-setup")
        /// `start()` was called on a server that is running or stopped.
        public static let invalidState = Code("server.invalid-state")
    }

    /// The kind of failure.
    public var code: Code
    /// The endpoint involved, when there is one.
    public var endpoint: HTTPServer.Configuration.Endpoint?
    /// The `errno` value of the failing system call, when there is one.
    public var errno: Int32?
    /// What failed and what to do about it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, endpoint: HTTPServer.Configuration.Endpoint? = nil, errno: Int32? = nil, message: String)
    {
        self.code = code
        self.endpoint = endpoint
        self.errno = errno
        self.message = message
    }

    /// One line: code, endpoint, message and the system error text.
    public var description: String {
        var text = "\(code): "
        if let endpoint {
            text += "\(endpoint): "
        }
        text += message
        if let errno {
            text += " (errno \(errno): \(String(cString: strerror(errno))))"
        }
        return text
    }

    /// An error for the system call `call` that failed with `errno` on `endpoint`.
    static func system(_ call: String, errno: Int32, endpoint: HTTPServer.Configuration.Endpoint) -> HTTPServerError {
        switch errno {
        case EADDRINUSE:
            HTTPServerError(
                .addressInUse,
                endpoint: endpoint,
                errno: errno,
                message: "\(call) failed: another process listens there; stop it or choose another port or path"
            )
        case EACCES, EPERM:
            HTTPServerError(
                .permissionDenied,
                endpoint: endpoint,
                errno: errno,
                message: "\(call) failed: not permitted; use a port above 1023 or a folder this user may write to"
            )
        case EADDRNOTAVAIL:
            HTTPServerError(
                .invalidEndpoint,
                endpoint: endpoint,
                errno: errno,
                message: "\(call) failed: the address is not one of this machine's"
            )
        default:
            HTTPServerError(.socketFailure, endpoint: endpoint, errno: errno, message: "\(call) failed")
        }
    }
}
