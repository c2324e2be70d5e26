import Glibc

/// A bound, listening socket for one endpoint.
final class Listener: Sendable {
    let endpoint: HTTPServer.Configuration.Endpoint
    let descriptor: Int32
    /// The TCP port actually bound (useful when the endpoint asked for port 0).
    let port: UInt16?

    private init(endpoint: HTTPServer.Configuration.Endpoint, descriptor: Int32, port: UInt16?) {
        self.endpoint = endpoint
        self.descriptor = descriptor
        self.port = port
    }

    /// Binds and listens on `endpoint`.
    static func open(_ endpoint: HTTPServer.Configuration.Endpoint) throws -> Listener {
        switch endpoint {
        case .tcp(let host, let port):
            try openTCP(endpoint, host: host, port: port)
        case .unix(let path, let permissions, let owner, let group):
            try openUnix(endpoint, path: path, permissions: permissions, owner: owner, group: group)
        }
    }

    /// Closes the socket and, for a Unix-domain endpoint, removes its file.
    func close() {
        _ = Glibc.close(descriptor)
        if case .unix(let path, _, _, _) = endpoint {
            unlink(path)
        }
    }

    private static func openTCP(
        _ endpoint: HTTPServer.Configuration.Endpoint,
        host: String,
        port: UInt16
    ) throws -> Listener {
        guard var address = SocketAddress.tcp(host: host, port: port) else {
            let message = "'\(host)' is not a numeric IPv4 or IPv6 address; use 127.0.0.1 or ::1"
            throw HTTPServerError(.invalidEndpoint, endpoint: endpoint, message: message)
        }
        let family = Int32(address.ss_family)
        let descriptor = try makeSocket(family: family, endpoint: endpoint)

        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        if family == AF_INET6 {
            setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
        }

        let length = SocketAddress.length(of: address)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        try listenOrClose(descriptor, bound: bound, endpoint: endpoint)
        return Listener(endpoint: endpoint, descriptor: descriptor, port: SocketAddress.boundPort(of: descriptor))
    }

    private static func openUnix(
        _ endpoint: HTTPServer.Configuration.Endpoint,
        path: String,
        permissions: UInt16,
        owner: UInt32?,
        group: UInt32?
    ) throws -> Listener {
        guard var address = SocketAddress.unix(path: path) else {
            let message = "the socket path is empty or longer than 107 bytes; choose a shorter path"
            throw HTTPServerError(.invalidEndpoint, endpoint: endpoint, message: message)
        }
        try removeStaleSocket(at: path, endpoint: endpoint)
        let descriptor = try makeSocket(family: AF_UNIX, endpoint: endpoint)

        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try listenOrClose(descriptor, bound: bound, endpoint: endpoint)

        let listener = Listener(endpoint: endpoint, descriptor: descriptor, port: nil)
        try listener.applyOwnership(path: path, permissions: permissions, owner: owner, group: group)
        return listener
    }

    private func applyOwnership(path: String, permissions: UInt16, owner: UInt32?, group: UInt32?) throws {
        if chmod(path, mode_t(permissions)) != 0 {
            let error = HTTPServerError.system("chmod", errno: errno, endpoint: endpoint)
            close()
            throw error
        }
        guard owner != nil || group != nil else {
            return
        }

        if chown(path, owner ?? UInt32.max, group ?? UInt32.max) != 0 {
            let error = HTTPServerError.system("chown", errno: errno, endpoint: endpoint)
            close()
            throw error
        }
    }

    /// Removes a socket file left by an earlier run; refuses other files and sockets still in use.
    private static func removeStaleSocket(at path: String, endpoint: HTTPServer.Configuration.Endpoint) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            return
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            let message = "the path exists and is not a socket; remove it or choose another path"
            throw HTTPServerError(.invalidEndpoint, endpoint: endpoint, message: message)
        }
        guard !isAnswering(path) else {
            throw HTTPServerError(.addressInUse, endpoint: endpoint, message: "another server listens on this socket")
        }

        if unlink(path) != 0 {
            throw HTTPServerError.system("unlink of the stale socket", errno: errno, endpoint: endpoint)
        }
    }

    private static func isAnswering(_ path: String) -> Bool {
        guard var address = SocketAddress.unix(path: path) else {
            return false
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { _ = Glibc.close(probe) }

        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return connected == 0
    }

    private static func makeSocket(family: Int32, endpoint: HTTPServer.Configuration.Endpoint) throws -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(family, type, 0)
        guard descriptor >= 0 else {
            throw HTTPServerError.system("socket", errno: errno, endpoint: endpoint)
        }
        return descriptor
    }

    private static func listenOrClose(
        _ descriptor: Int32,
        bound: Int32,
        endpoint: HTTPServer.Configuration.Endpoint
    )
        throws
    {
        guard bound == 0 else {
            let error = HTTPServerError.system("bind", errno: errno, endpoint: endpoint)
            _ = Glibc.close(descriptor)
            throw error
        }
        guard listen(descriptor, SOMAXCONN) == 0 else {
            let error = HTTPServerError.system("listen", errno: errno, endpoint: endpoint)
            _ = Glibc.close(descriptor)
            throw error
        }
    }
}
