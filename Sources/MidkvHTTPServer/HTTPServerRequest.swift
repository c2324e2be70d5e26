import Foundation
import MidkvSupport

/// A request as the embedded server received it.
public struct HTTPServerRequest: Sendable {
    /// The method, as sent (`GET`).
    public var method: String
    /// The request target as sent: path plus query (`/secrets/db?api-version=7.4`).
    public var target: String
    /// The path part of ``target``, still percent-encoded.
    public var path: String
    /// The query parameters in order, percent-decoded (`+` stays `+`).
    public var queryItems: [(name: String, value: String)]
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body (empty when there is none).
    public var body: Data
    /// The address of the peer: `127.0.0.1:50312`, `[::1]:50312`, or `unix`.
    public var remoteAddress: String
    /// Whether the request arrived over TLS.
    public var isTLS: Bool
    /// The TLS server name the client asked for (SNI), if any.
    public var serverName: String?
    /// The peer's process credentials, for Unix-domain connections.
    public var peer: PeerCredentials?

    /// Creates a request (the server does this; tests may too).
    public init(
        method: String,
        target: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: Data = Data(),
        remoteAddress: String = "127.0.0.1:0",
        isTLS: Bool = false,
        serverName: String? = nil,
        peer: PeerCredentials? = nil
    ) {
        self.method = method
        self.target = target
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = parts.first.map(String.init) ?? target
        self.queryItems = parts.count > 1 ? Self.parseQuery(String(parts[1])) : []
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.isTLS = isTLS
        self.serverName = serverName
        self.peer = peer
    }

    /// The first value of the query parameter `name`, compared exactly.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// The `Host` header without its port, lower-cased; `nil` when absent.
    public var host: String? {
        guard let raw = headers["Host"], !raw.isEmpty else {
            return nil
        }
        if raw.hasPrefix("[") {
            let end = raw.firstIndex(of: "]") ?? raw.endIndex
            return String(raw[raw.index(after: raw.startIndex)..<end]).lowercased()
        }
        return String(raw.prefix { $0 != ":" }).lowercased()
    }

    private static func parseQuery(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&").map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(halves[0]).removingPercentEncoding ?? String(halves[0])
            let rawValue = halves.count > 1 ? String(halves[1]) : ""
            return (name, rawValue.removingPercentEncoding ?? rawValue)
        }
    }
}

/// The process credentials of a Unix-domain socket peer (`SO_PEERCRED`).
public struct PeerCredentials: Sendable, Equatable {
    /// The peer's process ID.
    public var pid: Int32
    /// The peer's user ID.
    public var uid: UInt32
    /// The peer's group ID.
    public var gid: UInt32

    /// Creates credentials.
    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}
