import Foundation
import MidkvCrypto
import MidkvSupport
import MidkvTestSupport
import Testing

/// `midkv secret make`: values from files and standard input only, JSON as documented.
@Suite("midkv secret make")
struct SecretMakeCommandTests {
    private let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory(prefix: "midkv-secret-make")
    }

    @Test("without -o nothing is read or written, and the usage error names -o FILE and -o -")
    func needsOutput() async throws {
        defer { folder.remove() }

        let result = try await MidkvProcess.run(
            ["secret", "make", "--type", "ssh_password", "--user", "svc", "--password-file", "-"],
            input: Data("CANARY-pw\n".utf8)
        )

        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix(
                "midkv secret make: missing -o: -o FILE writes the value to a new file of mode 0600; "
                    + "-o - writes it, secrets included, to standard output\n"
            )
        )
        #expect(!result.output.contains("CANARY"))
    }

    @Test("with -o - the password file's final line break is left out, and the JSON is exactly as documented")
    func passwordFile() async throws {
        defer { folder.remove() }
        let file = try folder.write("pw.txt", "CANARY-Pl@ce\"holder\n")

        let result = try await MidkvProcess.run(
            [
                "secret", "make", "--type", "ssh_password", "--password-file", file, "--user", "svc-disc", "-o", "-",
            ],
            input: Data()
        )
        let exact = result.stdout == #"{"type":"ssh","user":"svc-disc","password":"CANARY-Pl@ce\"holder"}"# + "\n"

        #expect(result.status == 0)
        #expect(exact, "the value is the documented JSON")
        #expect(result.stderr == "midkv secret make: left out the line break at the end of \(file)\n")
        #expect(!result.stderr.contains("CANARY"))
    }

    @Test("-o FILE writes mode 0600 and names the JSON keys written; the key keeps its line breaks")
    func keyFromFiles() async throws {
        defer { folder.remove() }
        let key = try KeyMaterial.newPrivateKeyPEM(.ecdsaP256).reveal()
        let keyFile = try folder.write("id_ecdsa", key)
        let output = folder.path("secret.json")

        let result = try await MidkvProcess.run(
            [
                "secret", "make", "-t", "ssh_private_key", "--user", "svc-disc", "--private-key-file", keyFile,
                "--passphrase-file", "-", "-o", output,
            ],
            input: Data("CANARY-phrase".utf8)
        )
        let written =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: String]
        let permissions = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int

        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "Wrote \(output) (mode 0600) for type ssh_private_key: keys type, user, ssh_private_key, ssh_passphrase\n"
        )
        #expect(written.map { Set($0.keys) } == ["type", "user", "ssh_private_key", "ssh_passphrase"])
        let same = written?["ssh_private_key"] == key && written?["ssh_passphrase"] == "CANARY-phrase"
        #expect(same, "the key and pass phrase are stored as given")
        #expect(permissions == 0o600)
    }

    @Test("-o naming the key file it reads is refused even with --force, and the key file is kept")
    func outputIsInput() async throws {
        defer { folder.remove() }
        let key = try KeyMaterial.newPrivateKeyPEM(.ecdsaP256).reveal()
        let keyFile = try folder.write("id_ecdsa", key)

        let result = try await MidkvProcess.run(
            [
                "secret", "make", "-t", "ssh_private_key", "--user", "svc-disc", "--private-key-file", keyFile,
                "-o", keyFile, "--force",
            ],
            input: Data()
        )
        let kept = try String(contentsOfFile: keyFile, encoding: .utf8) == key

        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("midkv secret make: refusing to overwrite the input '\(keyFile)'"))
        #expect(kept, "the key file was replaced")
    }

    @Test("a value with errors is not written: a key file that holds no key")
    func refusesErrors() async throws {
        defer { folder.remove() }
        let file = try folder.write("pw.txt", "CANARY-2")
        let output = folder.path("out.json")

        let result = try await MidkvProcess.run(
            [
                "secret", "make", "--type", "ssh_private_key", "--user", "svc", "--private-key-file", file, "-o",
                output,
            ],
            input: Data()
        )

        #expect(result.status == 1)
        #expect(result.stderr.contains("error[secret.pem-truncated]"))
        #expect(result.stderr.contains("midkv secret make: nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!result.output.contains("CANARY"))
    }
}
