import Foundation
import MidkvSupport

/// The demo's temporary folder: config.xml files and the emulator's CA certificate.
struct DemoFolder: Sendable {
    /// The folder's path.
    let path: String

    /// Creates a new, private folder under the system's temporary directory.
    static func create() throws -> DemoFolder {
        let name = "midkv-demo-\(UUID().uuidString.prefix(8).lowercased())"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        return DemoFolder(path: url.path)
    }

    /// The path of `relative` inside the folder.
    func file(_ relative: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(relative).path
    }

    /// Writes `text` to `relative` (creating folders, mode 0600) and returns its path.
    func write(_ relative: String, _ text: String) throws -> String {
        let target = file(relative)
        let parent = URL(fileURLWithPath: target).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileWriter.write(Data(text.utf8), to: target, permissions: 0o600)
        return target
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
