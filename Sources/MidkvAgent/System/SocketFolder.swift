import Foundation
import Glibc
import MidkvCore
import MidkvSupport

/// Creates the folder a Unix socket goes in, when it is missing.
enum SocketFolder {
    /// Creates the socket's folder (and missing parents) with the socket's folder mode, handing
    /// it to the socket's group so members can reach the socket. An existing folder is left as
    /// it is.
    ///
    /// - Throws: ``MidkvError`` `agent.listen` when the folder cannot be created, or when the
    ///   socket path is too long for a Unix socket (checked first, so no folder is left behind).
    static func prepare(for socket: AgentConfiguration.UnixSocket, logger: Logger) throws {
        guard (1...maximumPathBytes).contains(socket.path.utf8.count) else {
            throw MidkvError(
                .agentListen,
                "The socket path is \(socket.path.utf8.count) bytes; a Unix socket path has 1 to \(maximumPathBytes).",
                evidence: [Evidence("socket", socket.path)],
                fix: "Choose a shorter --socket, such as /run/midkv/agent.sock."
            )
        }

        let folder = URL(fileURLWithPath: socket.path).deletingLastPathComponent().path
        var status = stat()
        guard stat(folder, &status) != 0 else {
            return
        }

        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw failure(folder: folder, errno: errno)
        }
        guard chmod(folder, mode_t(socket.folderPermissions)) == 0 else {
            throw failure(folder: folder, errno: errno)
        }
        if let group = socket.group, chown(folder, UInt32.max, group) != 0 {
            throw failure(folder: folder, errno: errno)
        }

        let mode = String(socket.folderPermissions, radix: 8)
        logger.notice("created the socket folder", ["agent.folder": folder, "agent.folder.mode": mode])
    }

    /// The longest path a Unix socket address holds, without its terminating NUL.
    static let maximumPathBytes = 107

    private static func failure(folder: String, errno: Int32) -> MidkvError {
        MidkvError(
            .agentListen,
            "The agent cannot create the socket folder \(folder).",
            evidence: [
                Evidence("folder", folder), Evidence("errno", "\(errno) (\(String(cString: strerror(errno))))"),
            ],
            fix: """
                Create the folder for the agent's user (systemd does with RuntimeDirectory=midkv), \
                or choose a --socket in a folder the agent may write to.
                """
        )
    }
}
