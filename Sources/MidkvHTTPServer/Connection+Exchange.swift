import Foundation
import MidkvSupport
import Synchronization

extension Connection {
    /// Serves requests until the client closes, asks to close, times out, or the server stops.
    func serve(_ security: Security) {
        let reader = RequestReader(socket: socket, limits: limits)
        var wait = limits.readTimeout
        while true {
            do {
                guard let head = try reader.readHead(firstByteWait: wait) else {
                    return
                }
                guard try exchange(head, reader: reader, security: security) else {
                    socket.closeGracefully(deadline: .after(Self.lingerTime))
                    return
                }
            } catch let error as HTTPRequestError {
                reject(error)
                return
            } catch {
                return
            }
            wait = limits.idleTimeout
        }
    }

    /// Reads the body, runs the handler and sends its response; `false` when the connection must close.
    private func exchange(_ head: RequestHead, reader: RequestReader, security: Security) throws -> Bool {
        if head.headers.contains("Expect"), !head.expectsContinue {
            throw HTTPRequestError.unsupportedExpectation
        }
        let framing = try RequestHeadParser.bodyFraming(of: head, maxBodyBytes: limits.maxBodyBytes)
        if framing != .none, head.expectsContinue, head.minorVersion >= 1, !reader.hasBufferedInput {
            try socket.send(ResponseEncoder.continueBytes, deadline: .after(limits.readTimeout))
        }

        let body = try reader.readBody(framing)
        let request = HTTPServerRequest(
            method: head.method,
            target: head.target,
            headers: head.headers,
            body: Data(body),
            remoteAddress: info.remoteAddress,
            isTLS: security.isTLS,
            serverName: security.serverName,
            peer: info.peer
        )
        let response = core.handler(request)

        let keepAlive =
            head.keepAlive && !ResponseEncoder.asksToClose(response)
            && !core.stopping.load(ordering: .relaxed)
        let bytes = ResponseEncoder.encode(response, includeBody: head.method != "HEAD", closing: !keepAlive)
        try socket.send(bytes, deadline: .after(limits.readTimeout))

        core.served.add(1, ordering: .relaxed)
        logger.debug(
            "request served",
            ["http.method": head.method, "http.path": request.path, "http.status": "\(response.status)"]
        )
        return keepAlive
    }
}
