import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Looks at and reads the key file the Azure Arc agent names in its challenge.
///
/// The size is checked before anything is read, so a challenge cannot make midkv read a large
/// file. The ``system`` reader uses `stat` and the file system; tests substitute readers that
/// play a missing file or a permission error (tests run as root, which may read anything).
public struct ArcKeyFileReader: Sendable {
    private let sizeOf: @Sendable (String) -> Result<Int, ConfigurationFileReader.Failure>
    private let contents: ConfigurationFileReader

    /// Creates a reader from a size probe and a content reader.
    public init(
        size: @escaping @Sendable (String) -> Result<Int, ConfigurationFileReader.Failure>,
        contents: ConfigurationFileReader
    ) {
        self.sizeOf = size
        self.contents = contents
    }

    /// The size of the file at `path`, in bytes.
    ///
    /// - Throws: ``ConfigurationFileReader/Failure``; `permissionDenied` when this user may not
    ///   look into the folder.
    public func size(_ path: String) throws(ConfigurationFileReader.Failure) -> Int {
        try sizeOf(path).get()
    }

    /// The bytes of the file at `path`.
    ///
    /// - Throws: ``ConfigurationFileReader/Failure``; `permissionDenied` when this user may not
    ///   read it.
    public func read(_ path: String) throws(ConfigurationFileReader.Failure) -> Data {
        try contents.read(path)
    }

    /// Reads from the local file system.
    public static let system = ArcKeyFileReader(size: statSize, contents: .system)

    private static func statSize(_ path: String) -> Result<Int, ConfigurationFileReader.Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case EACCES, EPERM:
                return .failure(.permissionDenied)
            case ENOENT, ENOTDIR:
                return .failure(.notFound)
            case let code:
                return .failure(.failed(String(cString: strerror(code))))
            }
        }

        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(.notAFile)
        }
        return .success(Int(info.st_size))
    }
}
