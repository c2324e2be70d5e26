import Foundation
import MidkvDoctor
import MidkvTestSupport
import Testing

/// `midkv secret lint` as a user runs it: exit statuses, output, files written by `--fix`.
@Suite("midkv secret lint")
struct SecretLintCommandTests {
    private let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory(prefix: "midkv-secret-lint")
    }

    private func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test("a clean value exits 0 and says so")
    func clean() async throws {
        defer { folder.remove() }
        let path = try folder.write("ssh.json", #"{"type":"ssh","user":"svc-disc","password":"CANARY-1"}"#)

        let result = try await MidkvProcess.run(["secret", "lint", path, "--type", "ssh_password"], input: Data())

        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(path), 54 bytes, checked for type ssh_password\n\nNo findings."))
        #expect(result.stdout.hasSuffix("0 errors, 0 warnings, 0 notes\n"))
        #expect(!result.output.contains("CANARY"))
    }

    @Test("field case 25 exits 1 with each finding under the secret check, and no value")
    func fieldCase25() async throws {
        defer { folder.remove() }
        let path = try folder.write(
            "case25.json",
            #"{"type":"ssh_password","username":"svc-disc","password":"CANARY-Pl@ceholder-1"}"#
        )

        let result = try await MidkvProcess.run(["secret", "lint", path, "-t", "ssh_private_key"], input: Data())

        #expect(result.status == 1)
        #expect(result.stdout.contains("\nsecret\n  error[secret.type-mismatch]: "))
        #expect(result.stdout.contains("warning[secret.unknown-field]: `username` is not a key type"))
        #expect(result.stdout.hasSuffix("3 errors, 1 warning, 0 notes\n"))
        #expect(!result.output.contains("CANARY"))
    }

    @Test("standard input is read for -")
    func standardInput() async throws {
        defer { folder.remove() }
        let dash = try await MidkvProcess.run(["secret", "lint", "-"], input: Data("CANARY-Pl@ceholder-1".utf8))

        #expect(dash.status == 1)
        #expect(dash.stdout.hasPrefix("standard input, 20 bytes, checked for its own type"))
        #expect(dash.stdout.contains("error[secret.not-json]"))
        #expect(!dash.output.contains("CANARY"))
    }

    @Test("--format json writes schema midkv.findings/1 with the source in facts")
    func json() async throws {
        defer { folder.remove() }
        let result = try await MidkvProcess.run(
            ["secret", "lint", "--format", "json"],
            input: Data("\u{FEFF}{\"type\":\"ssh\",\"user\":\"svc\",\"password\":\"CANARY-2\"}".utf8)
        )
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = document?["findings"] as? [[String: Any]]

        #expect(result.status == 1)
        #expect(document?["schema"] as? String == "midkv.findings/1")
        #expect(findings?.map { $0["code"] as? String } == ["secret.encoding"])
        #expect((document?["facts"] as? [String: Any])?["bytes"] as? Int == 52)
        #expect(!result.output.contains("CANARY"))
    }

    @Test("--lines checks each line as one value and names the line in the evidence")
    func lines() async throws {
        defer { folder.remove() }
        let input = [
            #"{"type":"ssh","user":"svc","password":"CANARY-3"}"#, "",
            #"{"type":"ssh","user":"svc","password":"CANARY-3\n"}"#,
            #"{"type":"basic","user":"a","password":"CANARY-4"}"#,
        ].joined(separator: "\r\n")

        let result = try await MidkvProcess.run(
            ["secret", "lint", "--lines", "--format", "json"],
            input: Data(input.utf8)
        )
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = document?["findings"] as? [[String: Any]] ?? []
        let lines = findings.map { (($0["evidence"] as? [[String: String]])?.first?["value"]) ?? nil }

        #expect(result.status == 0)
        #expect((document?["facts"] as? [String: Any])?["values"] as? Int == 3)
        #expect(findings.map { $0["code"] as? String } == ["secret.whitespace", "secret.alias-used"])
        #expect(lines == ["3", "4"])
    }

    // MARK: - --fix

    @Test("--fix writes the repaired value to a new file of mode 0600 and lists each change")
    func fix() async throws {
        defer { folder.remove() }
        let input = try folder.write(
            "in.json",
            "\u{FEFF}{\"type\":\"ssh\",\"User\":\"svc\",\"password\":\"CANARY-5\\r\\n\"}"
        )
        let output = folder.path("out.json")

        let result = try await MidkvProcess.run(["secret", "lint", "--fix", input, "-o", output], input: Data())
        let relint = SecretLinter().lint(contentsOf: try Data(contentsOf: URL(fileURLWithPath: output)))

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote \(output) (mode 0600) with 3 changes:\n"))
        #expect(result.stdout.contains("  - removed the UTF-8 byte-order mark\n"))
        #expect(result.stdout.contains("  - `User`: renamed the key to `user`\n"))
        #expect(result.stdout.contains("  - `password`: removed 2 line-break characters at the end\n"))
        #expect(try mode(output) == 0o600)
        #expect(relint.isEmpty)
        #expect(!result.output.contains("CANARY"))
    }

    @Test("--fix never writes over its input, and replaces another file only with --force")
    func fixRefusals() async throws {
        defer { folder.remove() }
        let original = "{\"type\":\"ssh\",\"user\":\"svc\",\"password\":\"CANARY-6\\n\"}"
        let input = try folder.write("in.json", original)
        let existing = try folder.write("existing.json", "keep")
        chmod(existing, 0o644)

        let onInput = try await MidkvProcess.run(
            ["secret", "lint", "--fix", input, "-o", input, "--force"],
            input: Data()
        )
        let onExisting = try await MidkvProcess.run(["secret", "lint", "--fix", input, "-o", existing], input: Data())
        let kept = try String(contentsOfFile: existing, encoding: .utf8)
        let forced = try await MidkvProcess.run(
            ["secret", "lint", "--fix", input, "-o", existing, "--force"],
            input: Data()
        )

        #expect(onInput.status == 64)
        #expect(onInput.stderr.contains("refusing to overwrite the input"))
        #expect(try String(contentsOfFile: input, encoding: .utf8) == original)
        #expect(onExisting.status == 64)
        #expect(onExisting.stderr.contains("exists; choose another output file or add --force"))
        #expect(kept == "keep")
        #expect(forced.status == 0)
        #expect(try mode(existing) == 0o600)
    }

    @Test("--fix with nothing certain to repair writes nothing and exits 1 on errors")
    func fixNothing() async throws {
        defer { folder.remove() }
        let input = try folder.write("bare.txt", "CANARY-Pl@ceholder-1")
        let output = folder.path("out.json")

        let result = try await MidkvProcess.run(["secret", "lint", "--fix", input, "-o", output], input: Data())

        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Nothing to repair with certainty; \(output) was not written."))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
