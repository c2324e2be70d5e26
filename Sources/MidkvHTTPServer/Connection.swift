import Foundation
import Glibc
import MidkvSupport

/// One accepted connection on its own thread: the policy's action, TLS, then HTTP exchanges.
struct Connection {
    let core: ServerCore
    let socket: ConnectionSocket
    let info: HTTPServer.ConnectionInfo
    let logger: Logger

    /// How long a closing connection keeps reading so that unread input does not cause a reset.
    static let lingerTime = Duration.seconds(2)

    var limits: HTTPServer.Configuration.Limits {
        core.configuration.limits
    }

    /// Carries out `action`; the socket is closed when this returns.
    func run(_ action: HTTPServer.ConnectionAction) {
        defer { socket.closeNow() }

        switch action {
        case .serve:
            if let security = establish() {
                serve(security)
            }
        case .closeWithoutReply:
            if establish() != nil {
                readAndDrop()
            }
        case .hang(let duration):
            hang(for: duration)
        case .resetDuringHandshake:
            resetAfterFirstBytes()
        case .refuse, .reset:
            socket.closeNow()
        }
    }

    /// Answers one request with 503 because the server is at its connection limit.
    func replyOverloaded() {
        defer { socket.closeNow() }
        guard establish() != nil else {
            return
        }

        let reader = RequestReader(socket: socket, limits: limits)
        guard (try? reader.readHead(firstByteWait: limits.readTimeout)) != nil else {
            return
        }
        reject(HTTPRequestError(status: 503, reason: "too many connections; retry later"))
    }

    /// Runs the TLS handshake when the mode asks for one; `nil` when the connection is over.
    private func establish() -> Security? {
        let deadline = Deadline.after(limits.handshakeTimeout)
        switch core.configuration.tls {
        case .off:
            return Security(isTLS: false, serverName: nil)
        case .required:
            return handshake(deadline: deadline)
        case .detect:
            guard let first = try? socket.peekFirstByte(deadline: deadline) else {
                return nil
            }
            return first == 0x16 ? handshake(deadline: deadline) : Security(isTLS: false, serverName: nil)
        }
    }

    private func handshake(deadline: Deadline) -> Security? {
        guard let context = core.currentTLSContext else {
            return nil
        }

        do {
            let serverName = try socket.acceptTLS(context: context, deadline: deadline)
            return Security(isTLS: true, serverName: serverName)
        } catch {
            logger.debug("TLS handshake failed", ["tls.error": "\(error)"])
            socket.closeGracefully(deadline: .after(Self.lingerTime))
            return nil
        }
    }

    /// Reads one request, then closes in order (with a TLS close alert), as a server that gave up would.
    private func readAndDrop() {
        let reader = RequestReader(socket: socket, limits: limits)
        guard let head = try? reader.readHead(firstByteWait: limits.readTimeout) else {
            return
        }

        let framing = try? RequestHeadParser.bodyFraming(of: head, maxBodyBytes: limits.maxBodyBytes)
        _ = try? reader.readBody(framing ?? .none)
        logger.debug("request dropped without a reply by policy", ["http.method": head.method])
        socket.closeGracefully(deadline: .after(Self.lingerTime))
    }

    private func hang(for duration: Duration) {
        let deadline = Deadline.after(duration)
        while (try? socket.drainRaw(deadline: deadline)) == true {}
        logger.debug("hanging connection closed")
    }

    private func resetAfterFirstBytes() {
        var discarded: [UInt8] = []
        _ = try? socket.receive(into: &discarded, deadline: .after(limits.handshakeTimeout))
        logger.debug("connection reset during the handshake by policy")
        socket.reset()
    }

    /// Sends the error response for a refused request, then closes gracefully.
    func reject(_ error: HTTPRequestError) {
        var response = ResponseEncoder.errorResponse(error)
        if let custom = core.configuration.rejectionResponse?(error.status, error.reason) {
            response = custom
            response.closeConnection = true
        }
        let bytes = ResponseEncoder.encode(response, includeBody: true, closing: true)
        try? socket.send(bytes, deadline: .after(limits.readTimeout))

        logger.debug("request rejected", ["http.status": "\(error.status)"])
        socket.closeGracefully(deadline: .after(Self.lingerTime))
    }
}

/// Whether a connection speaks TLS, and the server name its client asked for.
struct Security {
    var isTLS: Bool
    var serverName: String?
}
