import Foundation
import Glibc
import MidkvTestSupport
import Testing

@testable import midkv

/// How the `secret` commands read values: files and standard input, within the read limit.
@Suite("midkv secret input")
struct SecretCommandTests {
    @Test("standard input that never ends is refused once it passes 16 MiB, instead of filling memory")
    func endlessStandardInput() throws {
        let zeros = open("/dev/zero", O_RDONLY | O_CLOEXEC)
        try #require(zeros >= 0)
        defer { close(zeros) }

        #expect(
            throws: UsageError(
                "standard input holds more than the 16 MiB midkv reads; pipe in the secret value alone"
            )
        ) {
            try SecretCommand.readStandardInput(zeros)
        }
    }

    @Test("a value file larger than 16 MiB exits 64 naming the file and its size, without being read")
    func oversizedFile() async throws {
        let folder = try TemporaryDirectory(prefix: "midkv-secret-input")
        defer { folder.remove() }
        let path = try folder.write("export.json", "")
        try #require(truncate(path, 16 << 20 + 1) == 0)

        let result = try await MidkvProcess.run(["secret", "lint", path])

        #expect(result.status == 64)
        #expect(
            result.stderr.hasPrefix(
                "midkv secret lint: cannot read '\(path)': it is 16777217 bytes, more than the 16 MiB midkv reads"
            ),
            "\(result.stderr)"
        )
    }
}
