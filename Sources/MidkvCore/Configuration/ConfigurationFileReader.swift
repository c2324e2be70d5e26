import Foundation
import Glibc

/// Reads the files that configuration names: config.xml, `--client-secret-file`, `--ca-file`.
///
/// Settings resolution never touches the file system directly; it asks a reader. The
/// ``system`` reader reads regular files of at most ``maximumBytes`` from disk, and tests
/// substitute ``inMemory(_:)``.
public struct ConfigurationFileReader: Sendable {
    /// Why a file could not be read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing exists at the path.
        case notFound
        /// The path names a folder or something else that is not a regular file.
        case notAFile
        /// The file exists but this process may not read it.
        case permissionDenied
        /// The file, or the stream, holds more than ``ConfigurationFileReader/maximumBytes``;
        /// `size` when it was known before reading.
        case tooLarge(size: Int?)
        /// Reading failed for another reason, described by the text.
        case failed(String)

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .notAFile: "not a regular file"
            case .permissionDenied: "permission denied"
            case .tooLarge(let size?): "it is \(size) bytes, more than the \(maximumBytes >> 20) MiB midkv reads"
            case .tooLarge(nil): "it holds more than the \(maximumBytes >> 20) MiB midkv reads"
            case .failed(let reason): reason
            }
        }
    }

    private let body: @Sendable (String) -> Result<Data, Failure>

    /// Creates a reader from a function that returns a file's bytes or the reason it cannot.
    public init(_ read: @escaping @Sendable (String) -> Result<Data, Failure>) {
        self.body = read
    }

    /// Returns the bytes of the file at `path`.
    ///
    /// - Throws: ``Failure`` when the file is missing, not a file or unreadable.
    public func read(_ path: String) throws(Failure) -> Data {
        try body(path).get()
    }

    /// Reads from the local file system.
    public static let system = ConfigurationFileReader { path in
        readFromDisk(path)
    }

    /// Serves the given files and reports every other path as missing.
    public static func inMemory(_ files: [String: Data]) -> ConfigurationFileReader {
        ConfigurationFileReader { path in
            guard let data = files[path] else {
                return .failure(.notFound)
            }
            return .success(data)
        }
    }

    /// The largest file the reader accepts: far above any config.xml, secret or CA bundle.
    public static let maximumBytes = 16 << 20

    private static func readFromDisk(_ path: String) -> Result<Data, Failure> {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return .failure(statFailure(errno))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return .failure(.notAFile)
        }
        guard Int(status.st_size) <= maximumBytes else {
            return .failure(.tooLarge(size: Int(status.st_size)))
        }

        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(errno == EACCES ? .permissionDenied : .failed(String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        return readToEnd(descriptor)
    }

    /// Why `stat` failed: only a missing path is "not found"; a symbolic link loop or a file
    /// used as a folder keeps the system's own words.
    private static func statFailure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT: .notFound
        case EACCES: .permissionDenied
        default: .failed(String(cString: strerror(code)))
        }
    }

    /// Everything `descriptor` delivers up to its end, reads interrupted by a signal retried;
    /// ``Failure/tooLarge(size:)`` once more than ``maximumBytes`` arrive, so an endless stream
    /// (`/dev/zero`, a mistaken pipe) cannot exhaust memory.
    public static func readToEnd(_ descriptor: Int32) -> Result<Data, Failure> {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 {
                return .success(data)
            } else if errno != EINTR {
                return .failure(.failed(String(cString: strerror(errno))))
            }
            guard data.count <= maximumBytes else {
                return .failure(.tooLarge(size: nil))
            }
        }
    }
}
