import Dispatch
import Foundation
import Glibc

/// Polls a file's identity (device, inode, size, modification time) on a thread of its own and
/// calls back when it changes, is replaced, appears or disappears.
///
/// Polling a `stat` every few seconds needs no inotify and notices editors that write a new file
/// and rename it over the old one.
final class ConfigFileWatcher: Sendable {
    /// What identifies one version of a file.
    struct Signature: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec

        static func == (lhs: Signature, rhs: Signature) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
        }
    }

    private let path: String
    private let interval: Duration
    private let onChange: @Sendable () -> Void
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Creates a watcher of `path`; ``start()`` begins polling every `interval`.
    init(path: String, interval: Duration, onChange: @escaping @Sendable () -> Void) {
        self.path = path
        self.interval = interval
        self.onChange = onChange
    }

    /// Starts polling; the file as it is now is the baseline.
    func start() {
        let baseline = Self.signature(of: path)
        let thread = Thread { [self] in
            poll(from: baseline)
            finished.signal()
        }
        thread.stackSize = 256 * 1024
        thread.start()
    }

    /// Stops polling and waits for a callback under way to finish.
    func stop() {
        stopped.signal()
        finished.wait()
    }

    /// The file's signature, or `nil` when it cannot be read.
    static func signature(of path: String) -> Signature? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return nil
        }
        return Signature(
            device: UInt64(status.st_dev),
            inode: UInt64(status.st_ino),
            size: Int64(status.st_size),
            modified: status.st_mtim
        )
    }

    private func poll(from baseline: Signature?) {
        var last = baseline
        let (seconds, attoseconds) = interval.components
        let wait = DispatchTimeInterval.nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        while stopped.wait(timeout: .now() + wait) == .timedOut {
            let current = Self.signature(of: path)
            if current != last {
                last = current
                onChange()
            }
        }
    }
}
