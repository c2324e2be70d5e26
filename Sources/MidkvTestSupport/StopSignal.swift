import Glibc

/// A pipe that, once fired, stays readable, so every thread polling it wakes and stops.
final class StopSignal: Sendable {
    /// The descriptor to include in `poll` sets.
    let descriptor: Int32
    private let writer: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw LoopbackSocketError("pipe")
        }

        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        self.descriptor = ends[0]
        self.writer = ends[1]
    }

    deinit {
        close(writer)
        close(descriptor)
    }

    /// Wakes every waiter, now and later.
    func fire() {
        guard !isFired else {
            return
        }

        var byte: UInt8 = 1
        _ = write(writer, &byte, 1)
    }

    /// Whether ``fire()`` has been called.
    var isFired: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }
}
