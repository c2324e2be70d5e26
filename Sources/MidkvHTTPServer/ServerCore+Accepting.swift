import Foundation
import Glibc
import MidkvSupport
import Synchronization

extension ServerCore {
    /// Connections over the limit answered with 503 at once; beyond this they are closed unanswered.
    private static let maxOverloadReplies = 16

    /// Accepts connections on `listener` until the stop signal arrives.
    func acceptLoop(_ listener: Listener, wakeDescriptor: Int32) {
        var descriptors = [
            pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&descriptors, 2, -1)
            if descriptors[1].revents != 0 {
                return
            }

            if ready > 0, descriptors[0].revents != 0 {
                acceptPending(listener, wakeDescriptor: wakeDescriptor)
            }
        }
    }

    private func acceptPending(_ listener: Listener, wakeDescriptor: Int32) {
        while true {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let descriptor = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener.descriptor, $0, &length) }
            }

            guard descriptor >= 0 else {
                if errno == EINTR || errno == ECONNABORTED {
                    continue
                }
                if errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM {
                    logger(listener).debug("accept failed for lack of resources", ["system.errno": "\(errno)"])
                    usleep(50_000)
                }
                return
            }

            accepted.add(1, ordering: .relaxed)
            makeNonBlocking(descriptor)
            dispatch(descriptor, address: address, listener: listener, wakeDescriptor: wakeDescriptor)
        }
    }

    private func dispatch(_ descriptor: Int32, address: sockaddr_storage, listener: Listener, wakeDescriptor: Int32) {
        let info = connectionInfo(descriptor, address: address, endpoint: listener.endpoint)
        let action = configuration.connectionPolicy?(info) ?? .serve
        let logger = logger(listener)

        switch action {
        case .refuse:
            logger.debug("connection refused by policy")
            ConnectionSocket(descriptor: descriptor, wakeDescriptor: wakeDescriptor).closeNow()
        case .reset:
            logger.debug("connection reset by policy")
            ConnectionSocket(descriptor: descriptor, wakeDescriptor: wakeDescriptor).reset()
        case .serve, .closeWithoutReply, .hang, .resetDuringHandshake:
            start(action, descriptor: descriptor, info: info, wakeDescriptor: wakeDescriptor, logger: logger)
        }
    }

    private func start(
        _ action: HTTPServer.ConnectionAction,
        descriptor: Int32,
        info: HTTPServer.ConnectionInfo,
        wakeDescriptor: Int32,
        logger: Logger
    ) {
        if active.load(ordering: .relaxed) >= configuration.limits.maxConnections {
            startOverloadReply(descriptor: descriptor, info: info, wakeDescriptor: wakeDescriptor, logger: logger)
            return
        }

        active.add(1, ordering: .relaxed)
        logger.debug("connection accepted")
        spawn { [self] in
            let socket = ConnectionSocket(descriptor: descriptor, wakeDescriptor: wakeDescriptor)
            Connection(core: self, socket: socket, info: info, logger: logger).run(action)
            active.subtract(1, ordering: .relaxed)
        }
    }

    private func startOverloadReply(
        descriptor: Int32,
        info: HTTPServer.ConnectionInfo,
        wakeDescriptor: Int32,
        logger: Logger
    ) {
        guard overloadReplies.add(1, ordering: .relaxed).newValue <= Self.maxOverloadReplies else {
            overloadReplies.subtract(1, ordering: .relaxed)
            logger.debug("connection over the limit closed")
            ConnectionSocket(descriptor: descriptor, wakeDescriptor: wakeDescriptor).closeNow()
            return
        }

        logger.debug("connection over the limit answered with 503")
        spawn { [self] in
            let socket = ConnectionSocket(descriptor: descriptor, wakeDescriptor: wakeDescriptor)
            Connection(core: self, socket: socket, info: info, logger: logger).replyOverloaded()
            overloadReplies.subtract(1, ordering: .relaxed)
        }
    }

    private func connectionInfo(
        _ descriptor: Int32,
        address: sockaddr_storage,
        endpoint: HTTPServer.Configuration.Endpoint
    ) -> HTTPServer.ConnectionInfo {
        guard case .tcp = endpoint else {
            return HTTPServer.ConnectionInfo(
                remoteAddress: "unix",
                endpoint: endpoint,
                peer: peerCredentials(descriptor)
            )
        }

        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        return HTTPServer.ConnectionInfo(remoteAddress: SocketAddress.describe(address), endpoint: endpoint)
    }

    /// The peer process of a Unix-domain connection (`SO_PEERCRED`: pid, uid, gid).
    private func peerCredentials(_ descriptor: Int32) -> PeerCredentials? {
        var fields: (Int32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: fields))
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &fields, &length) == 0 else {
            return nil
        }
        return PeerCredentials(pid: fields.0, uid: fields.1, gid: fields.2)
    }

    /// Sets `O_NONBLOCK` and `FD_CLOEXEC` (accepted sockets do not inherit them from the listener).
    func makeNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
    }

    func logger(_ listener: Listener) -> Logger {
        configuration.logger.with("server.endpoint", listener.endpoint.description)
    }
}
