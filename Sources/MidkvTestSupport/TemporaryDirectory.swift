import Foundation
import MidkvSupport
import Synchronization

/// A fresh folder under the system's temporary directory, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
    /// The folder.
    public let url: URL

    /// Creates the folder.
    public init(prefix: String = "midkv-test") throws {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8))"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` inside the folder (creating subfolders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileWriter.write(Data(text.utf8), to: path, permissions: 0o644)
        return path
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

extension TemporaryDirectory {
    /// Removes the folder when the process exits, for a fixture that a whole test run shares and
    /// no test can stop.
    public func removeAtExit() {
        ExitCleanup.add(url)
    }
}

/// Folders to delete when the process exits normally.
private enum ExitCleanup {
    private static let folders = Mutex<[URL]>([])

    private static let registration: Void = {
        atexit {
            for folder in ExitCleanup.folders.withLock({ $0 }) {
                try? FileManager.default.removeItem(at: folder)
            }
        }
    }()

    static func add(_ folder: URL) {
        _ = registration
        folders.withLock { $0.append(folder) }
    }
}
