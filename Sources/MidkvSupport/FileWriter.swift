import Foundation
import Glibc

/// Writes small files with plain POSIX calls: the bytes go to a temporary name beside the
/// target, which is then renamed, so a reader sees the whole file or none of it.
///
/// It does not flush to disk. Foundation's `Data.write` calls `fsync`, which takes seconds on a
/// host busy with I/O and buys nothing for files made anew on every start: certificates of a
/// test CA, demo and test configuration, one-use key files.
public enum FileWriter {
    /// Why a file could not be written: the failing call and its `errno` text.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The path being written.
        public let path: String
        /// What went wrong.
        public let reason: String

        public var description: String {
            "cannot write \(path): \(reason)"
        }
    }

    /// Writes `bytes` to `path` with `permissions`, replacing any file there.
    public static func write(_ bytes: some DataProtocol, to path: String, permissions: mode_t) throws(Failure) {
        let partial = "\(path).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }

        let complete = writeAll(bytes, to: descriptor) && fchmod(descriptor, permissions) == 0
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard complete, rename(partial, path) == 0 else {
            unlink(partial)
            throw Failure(path: path, reason: reason)
        }
    }

    /// Writes all of `bytes` to the open `descriptor`, retrying writes a signal interrupted;
    /// `false` when a write fails (`errno` tells why).
    public static func writeAll(_ bytes: some DataProtocol, to descriptor: Int32) -> Bool {
        let bytes = Array(bytes)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR {
                continue
            }
            guard count > 0 else {
                return false
            }
            offset += count
        }
        return true
    }
}
