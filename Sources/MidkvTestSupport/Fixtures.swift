import Foundation

/// Locates the shared, read-only test data that lives beside the repository (`../shared`).
public enum Fixtures {
    /// The repository's root folder.
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    /// The shared folder: `MIDKV_SHARED_DIR` when set, else `../shared` beside the repository.
    public static var sharedDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["MIDKV_SHARED_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The recorded Azure traffic and API examples.
    public static var azureDirectory: URL {
        sharedDirectory.appendingPathComponent("fixtures/azure")
    }

    /// Reads a file under ``azureDirectory`` given its relative path.
    public static func azure(_ relativePath: String) throws -> Data {
        try Data(contentsOf: azureDirectory.appendingPathComponent(relativePath))
    }
}
