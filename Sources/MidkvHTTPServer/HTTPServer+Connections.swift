extension HTTPServer {
    /// What the server knows about a connection when it has just accepted it.
    public struct ConnectionInfo: Sendable {
        /// The peer: `127.0.0.1:50312`, `[::1]:50312`, or `unix`.
        public var remoteAddress: String
        /// The endpoint that accepted the connection.
        public var endpoint: Configuration.Endpoint
        /// The peer's process credentials, for Unix-domain connections.
        public var peer: PeerCredentials?

        /// Creates a description.
        public init(remoteAddress: String, endpoint: Configuration.Endpoint, peer: PeerCredentials? = nil) {
            self.remoteAddress = remoteAddress
            self.endpoint = endpoint
            self.peer = peer
        }
    }

    /// How to treat an accepted connection; the failure modes let tests play a broken network.
    public enum ConnectionAction: Sendable, Equatable {
        /// Serve HTTP as usual.
        case serve
        /// Close at once without reading anything (the client sees end of stream).
        case refuse
        /// Abort with a TCP reset right after accepting (the client sees ECONNRESET).
        case reset
        /// Read the first bytes (a TLS ClientHello), then abort with a reset.
        case resetDuringHandshake
        /// Complete any TLS handshake, read the request, then close without answering.
        case closeWithoutReply
        /// Answer nothing; close after the duration, or when the server stops.
        case hang(Duration)
    }

    /// Counters since the server started.
    public struct Statistics: Sendable, Equatable {
        /// Connections accepted on every endpoint, whatever happened to them.
        public var connectionsAccepted: Int
        /// Connections open right now.
        public var activeConnections: Int
        /// Requests answered by the handler.
        public var requestsServed: Int

        /// Creates counters.
        public init(connectionsAccepted: Int = 0, activeConnections: Int = 0, requestsServed: Int = 0) {
            self.connectionsAccepted = connectionsAccepted
            self.activeConnections = activeConnections
            self.requestsServed = requestsServed
        }
    }
}
