import Foundation
import MidkvCore
import MidkvTestSupport
import Testing

@Suite("Reading configuration files from disk")
struct ConfigurationFileReaderTests {
    private typealias Failure = ConfigurationFileReader.Failure

    @Test("A regular file is read whole, bytes unchanged")
    func readsRegularFile() throws {
        let folder = try TemporaryDirectory(prefix: "midkv-reader")
        defer { folder.remove() }
        let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let path = folder.path("config.xml")
        try bytes.write(to: URL(fileURLWithPath: path))

        #expect(try ConfigurationFileReader.system.read(path) == bytes)
    }

    @Test("A missing path is reported as not found")
    func missingFile() throws {
        let folder = try TemporaryDirectory(prefix: "midkv-reader")
        defer { folder.remove() }

        #expect(throws: Failure.notFound) {
            try ConfigurationFileReader.system.read(folder.path("absent.xml"))
        }
    }

    @Test("A symbolic link loop or a file used as a folder is named as such, not as missing")
    func pathThatCannotResolve() throws {
        let folder = try TemporaryDirectory(prefix: "midkv-reader")
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path("a.xml"), withDestinationPath: "b.xml")
        try FileManager.default.createSymbolicLink(atPath: folder.path("b.xml"), withDestinationPath: "a.xml")
        let file = try folder.write("config.xml", "<parameters/>")

        #expect(throws: Failure.failed("Too many levels of symbolic links")) {
            try ConfigurationFileReader.system.read(folder.path("a.xml"))
        }
        #expect(throws: Failure.failed("Not a directory")) {
            try ConfigurationFileReader.system.read(file + "/config.xml")
        }
    }

    @Test("A folder, a device or a pipe is not a file", arguments: ["/tmp", "/dev/null", "/dev/zero"])
    func notARegularFile(path: String) {
        #expect(throws: Failure.notAFile) {
            try ConfigurationFileReader.system.read(path)
        }
    }

    @Test("A file above the size limit is refused, naming its size")
    func oversizedFile() throws {
        let folder = try TemporaryDirectory(prefix: "midkv-reader")
        defer { folder.remove() }
        let path = folder.path("huge.xml")
        try Data(count: ConfigurationFileReader.maximumBytes + 1).write(to: URL(fileURLWithPath: path))

        #expect(throws: Failure.tooLarge(size: 16_777_217)) {
            try ConfigurationFileReader.system.read(path)
        }
    }

    @Test("A file this user may not read is reported as permission denied", .enabled(if: getuid() != 0))
    func unreadableFile() throws {
        let folder = try TemporaryDirectory(prefix: "midkv-reader")
        defer { folder.remove() }
        let path = try folder.write("secret.txt", "s")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)

        #expect(throws: Failure.permissionDenied) {
            try ConfigurationFileReader.system.read(path)
        }
    }
}
