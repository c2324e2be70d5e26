import MidkvCrypto
import MidkvSupport

extension HTTPServer {
    /// Where the server listens, how it speaks TLS, and how much it accepts.
    public struct Configuration: Sendable {
        /// A socket to listen on.
        public enum Endpoint: Sendable, Equatable, CustomStringConvertible {
            /// A TCP address: a numeric IPv4 or IPv6 host (`127.0.0.1`, `::1`) and a port (0 = any free one).
            case tcp(host: String, port: UInt16)
            /// A Unix-domain socket file, created with `permissions` and, when given, `owner` and `group`.
            case unix(path: String, permissions: UInt16 = 0o660, owner: UInt32? = nil, group: UInt32? = nil)

            /// `127.0.0.1:8443`, `[::1]:8443` or `unix:/run/midkv.sock`.
            public var description: String {
                switch self {
                case .tcp(let host, let port):
                    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                case .unix(let path, _, _, _):
                    "unix:\(path)"
                }
            }
        }

        /// Whether connections speak TLS.
        public enum TLSMode: Sendable {
            /// Plain HTTP only.
            case off
            /// TLS only, presenting this identity.
            case required(TLSIdentity)
            /// Both on one port: a first byte of 0x16 (a TLS handshake record) means TLS, anything else plain HTTP.
            case detect(TLSIdentity)

            var identity: TLSIdentity? {
                switch self {
                case .off: nil
                case .required(let identity), .detect(let identity): identity
                }
            }
        }

        /// Sizes and time limits that keep a slow or hostile client from tying up the server.
        public struct Limits: Sendable {
            /// The largest request head (request line plus headers); larger ones get 431.
            public var maxHeaderBytes: Int
            /// The largest request body; larger ones get 413.
            public var maxBodyBytes: Int
            /// Open connections served at once; more get 503.
            public var maxConnections: Int
            /// How long a request may take to arrive once started, and how long a write may stall.
            public var readTimeout: Duration
            /// How long a kept-alive connection may wait for its next request.
            public var idleTimeout: Duration
            /// How long a TLS handshake (or the first byte in detect mode) may take.
            public var handshakeTimeout: Duration

            /// Creates limits; the defaults suit an emulator on loopback.
            public init(
                maxHeaderBytes: Int = 32 * 1024,
                maxBodyBytes: Int = 1024 * 1024,
                maxConnections: Int = 512,
                readTimeout: Duration = .seconds(10),
                idleTimeout: Duration = .seconds(30),
                handshakeTimeout: Duration = .seconds(10)
            ) {
                self.maxHeaderBytes = maxHeaderBytes
                self.maxBodyBytes = maxBodyBytes
                self.maxConnections = maxConnections
                self.readTimeout = readTimeout
                self.idleTimeout = idleTimeout
                self.handshakeTimeout = handshakeTimeout
            }
        }

        /// The sockets to listen on, each with an accept thread of its own.
        public var endpoints: [Endpoint]
        /// TLS for every endpoint.
        public var tls: TLSMode
        /// Size and time limits.
        public var limits: Limits
        /// Decides, once per accepted connection and before anything is read, how to treat it.
        ///
        /// It runs on the accept thread, so it should return quickly. `nil` serves every connection.
        public var connectionPolicy: (@Sendable (ConnectionInfo) -> ConnectionAction)?
        /// Builds the answer to a request refused before the handler sees it, from its status
        /// (400, 413, 417, 431, 501, 503, 505) and a short reason; `nil` answers in plain text.
        ///
        /// The connection closes after the answer whatever the response says.
        public var rejectionResponse: (@Sendable (_ status: Int, _ reason: String) -> HTTPServerResponse)?
        /// Receives debug entries: connections, requests (method, path, status), failures.
        public var logger: Logger

        /// Creates a configuration.
        public init(
            endpoints: [Endpoint],
            tls: TLSMode = .off,
            limits: Limits = Limits(),
            connectionPolicy: (@Sendable (ConnectionInfo) -> ConnectionAction)? = nil,
            rejectionResponse: (@Sendable (_ status: Int, _ reason: String) -> HTTPServerResponse)? = nil,
            logger: Logger = .disabled
        ) {
            self.endpoints = endpoints
            self.tls = tls
            self.limits = limits
            self.connectionPolicy = connectionPolicy
            self.rejectionResponse = rejectionResponse
            self.logger = logger
        }
    }
}
