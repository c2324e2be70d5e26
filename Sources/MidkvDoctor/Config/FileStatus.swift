import Foundation
import Glibc

/// What the file system says about config.xml: who may read it and when it last changed.
public struct FileStatus: Sendable, Equatable {
    /// The permission bits, such as `0o640`.
    public var permissions: UInt16
    /// When the contents last changed.
    public var modified: Date

    /// Creates a status.
    public init(permissions: UInt16, modified: Date) {
        self.permissions = permissions
        self.modified = modified
    }

    /// Whether users other than the owner may read the file: the group or everyone.
    public var isReadableByOthers: Bool {
        permissions & 0o044 != 0
    }

    /// The permissions in the octal form `chmod` takes: `0644`.
    public var octal: String {
        let digits = String(permissions & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Who besides the owner may read the file: `group`, `others` or `group and others`.
    public var readers: String {
        switch (permissions & 0o040 != 0, permissions & 0o004 != 0) {
        case (true, true): "group and others"
        case (true, false): "group"
        case (false, true): "others"
        case (false, false): "nobody else"
        }
    }
}

/// Looks up the ``FileStatus`` of a path; tests substitute fixed answers.
public struct FileInspector: Sendable {
    private let body: @Sendable (String) -> FileStatus?

    /// Creates an inspector from a function that returns a path's status, or `nil` when unknown.
    public init(_ status: @escaping @Sendable (String) -> FileStatus?) {
        self.body = status
    }

    /// The status of `path`, or `nil` when it cannot be read.
    public func status(of path: String) -> FileStatus? {
        body(path)
    }

    /// Asks the local file system with `stat`.
    public static let system = FileInspector { path in
        var info = stat()
        guard stat(path, &info) == 0 else {
            return nil
        }
        let modified = Date(
            timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9
        )
        return FileStatus(permissions: UInt16(info.st_mode & 0o7777), modified: modified)
    }

    /// Answers `status` for every path.
    public static func fixed(_ status: FileStatus?) -> FileInspector {
        FileInspector { _ in status }
    }
}
