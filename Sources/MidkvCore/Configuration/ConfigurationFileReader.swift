import Foundation

/// Reads the files that configuration names: config.xml, `--client-secret-file`, `--ca-file`.
///
/// Settings resolution never touches the file system directly; it asks a reader. The
/// ``system`` reader uses `FileManager`, and tests substitute ``inMemory(_:)``.
public struct ConfigurationFileReader: Sendable {
    /// Why a file could not be read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing exists at the path.
        case notFound
        /// The path names a folder or something else that is not a regular file.
        case notAFile
        /// The file exists but this process may not read it.
        case permissionDenied
        /// Reading failed for another reason, described by the text.
        case failed(String)

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .notAFile: "not a regular file"
            case .permissionDenied: "permission denied"
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

    private static func readFromDisk(_ path: String) -> Result<Data, Failure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.notFound)
        }

        guard !isDirectory.boolValue else {
            return .failure(.notAFile)
        }

        guard FileManager.default.isReadableFile(atPath: path) else {
            return .failure(.permissionDenied)
        }

        do {
            return .success(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            return .failure(.failed(String(describing: error)))
        }
    }
}
