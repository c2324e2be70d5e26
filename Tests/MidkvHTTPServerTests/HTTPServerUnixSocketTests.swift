import Foundation
import Glibc
import MidkvHTTPServer
import MidkvTestSupport
import Testing

@Suite("HTTP server: Unix-domain sockets")
struct HTTPServerUnixSocketTests {
    private static func configuration(
        _ path: String,
        policy: Recorder<HTTPServer.ConnectionInfo>? = nil
    ) -> HTTPServer.Configuration {
        HTTPServer.Configuration(
            endpoints: [.unix(path: path)],
            connectionPolicy: { info in
                policy?.append(info)
                return .serve
            }
        )
    }

    private static func peerText(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let peer = request.peer.map { "\($0.pid) \($0.uid) \($0.gid)" } ?? "none"
        return .text(200, "\(request.remoteAddress) \(peer)")
    }

    @Test("the socket file gets mode 0660 and requests carry the peer's credentials")
    func credentials() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("midkv.sock")
        let seen = Recorder<HTTPServer.ConnectionInfo>()

        let (mode, body) = try await onDedicatedThread {
            let server = HTTPServer(configuration: Self.configuration(path, policy: seen), handler: Self.peerText)
            try server.start()
            defer { server.stop() }

            var status = stat()
            lstat(path, &status)
            let client = try TestClient(unixPath: path)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            return (status.st_mode & 0o777, try client.readResponse().text)
        }

        #expect(mode == 0o660)
        #expect(body == "unix \(getpid()) \(getuid()) \(getgid())")
        #expect(seen.all.first?.peer == PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid()))
    }

    @Test("stop removes the socket file, and a stale file from an earlier run is replaced")
    func fileLifecycle() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("stale.sock")
        try makeStaleSocket(at: path)

        try await onDedicatedThread {
            let server = HTTPServer(configuration: Self.configuration(path), handler: Self.peerText)
            try server.start()
            let client = try TestClient(unixPath: path)
            try client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            _ = try client.readResponse()
            server.stop()
        }

        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a path held by a regular file or a live server is refused with the endpoint named")
    func refusedPaths() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let regular = try folder.write("config.xml", "<parameters/>")
        let live = folder.path("live.sock")

        try await onDedicatedThread {
            let first = HTTPServer(configuration: Self.configuration(live), handler: Self.peerText)
            try first.start()
            defer { first.stop() }

            let notSocket = #expect(throws: HTTPServerError.self) {
                try HTTPServer(configuration: Self.configuration(regular), handler: Self.peerText).start()
            }
            #expect(notSocket?.code == .invalidEndpoint)
            #expect(notSocket?.description.contains("unix:\(regular)") == true)

            let inUse = #expect(throws: HTTPServerError.self) {
                try HTTPServer(configuration: Self.configuration(live), handler: Self.peerText).start()
            }
            #expect(inUse?.code == .addressInUse)
        }
        #expect(FileManager.default.fileExists(atPath: regular))
    }

    private func makeStaleSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0)
    }
}
