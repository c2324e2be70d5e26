import Foundation
import MidkvCrypto
import MidkvDoctor
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import Testing

@testable import midkv

/// `midkv secret put` and `get` against the emulator: the binary stores through the same
/// settings and identity as `resolve`, and reads back metadata without the value.
@Suite("midkv secret put and get")
struct SecretPutCommandTests {
    let world: EndToEndWorld
    let harness: EmulatorHarness
    let settingsFlags: [String]

    init() throws {
        world = try EndToEndWorld()
        harness = try EmulatorHarness(seed: world.seed)
        let config = try harness.folder.write("config.xml", world.clientSecretConfig())
        settingsFlags = [
            "--config", config, "--connect-to", harness.server.connectAddress, "--ca-file", harness.server.caFile ?? "",
        ]
    }

    private func midkv(_ arguments: [String], input: Data? = nil) async throws -> MidkvProcess.Result {
        guard let input else {
            return try await MidkvProcess.run(arguments + settingsFlags, input: Data())
        }
        return try await MidkvProcess.run(arguments + settingsFlags, input: input)
    }

    private func version(in text: String) -> String? {
        let words = text.split { $0 == " " || $0 == "\n" }
        return words.last { $0.count == 32 && $0.allSatisfy(\.isHexDigit) }.map(String.init)
    }

    @Test("put stores a made key secret as JSON; get --lint shows its metadata and no finding; resolve reads it")
    func roundTrip() async throws {
        defer { harness.stop() }
        let key = try TestKeys.rsa().pkcs8PEM.reveal()
        let value = try SecretMaker(type: "ssh_private_key").make([
            "user": Secret("svc-disc"), "ssh_private_key": Secret(key),
        ])
        let secretFile = try harness.folder.write("secret.json", value.reveal())

        let put = try await midkv(["secret", "put", "linux-new-key", "--type", "ssh_private_key", secretFile])
        let get = try await midkv(["secret", "get", "linux-new-key", "--lint", "--type", "ssh_private_key"])
        let resolve = try await midkv(["resolve", "linux-new-key", "--type", "ssh_private_key"])

        #expect(put.status == 0, "\(put.stderr)")
        #expect(put.stdout.hasPrefix("Stored secret linux-new-key in kv-contoso-disc.vault.azure.net: version "))
        let stored = try #require(version(in: put.stdout))
        #expect(get.status == 0, "\(get.stderr)")
        #expect(get.stdout.contains("  version       \(stored)\n"))
        #expect(get.stdout.contains("  content type  application/json\n"))
        #expect(get.stdout.contains("(not shown)"))
        #expect(get.stdout.contains("Value checked for type ssh_private_key:"))
        #expect(get.stdout.contains("No findings."))
        #expect(resolve.status == 0)
        #expect(resolve.stdout.contains("version \(stored)"))
        for result in [put, get, resolve] {
            #expect(
                !result.output.contains("PRIVATE KEY") && !result.output.contains(String(key.dropFirst(40).prefix(24)))
            )
        }
    }

    @Test("put refuses a value with errors and sends nothing; --force stores it; a value from standard input")
    func refusesErrors() async throws {
        defer { harness.stop() }
        let bad = Data(#"{"type":"ssh","username":"svc","password":"CANARY-put-1"}"#.utf8)

        let refused = try await midkv(["secret", "put", "linux-bad", "--type", "ssh_password", "-"], input: bad)
        let absent = try await midkv(["secret", "get", "linux-bad"])
        let forced = try await midkv(
            ["secret", "put", "linux-bad", "--type", "ssh_password", "-", "--force"],
            input: bad
        )

        #expect(refused.status == 1)
        #expect(refused.stdout.contains("error[secret.missing-field]"))
        #expect(refused.stderr.contains("not stored: the value has errors (--force stores it anyway)"))
        #expect(absent.status == 1)
        #expect(absent.stderr.hasPrefix("error[vault.secret-not-found]"))
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("Stored secret linux-bad in kv-contoso-disc.vault.azure.net: version "))
        #expect(![refused, absent, forced].contains { $0.output.contains("CANARY") })
    }

    @Test("a value made with secret make -o - pipes into put, and resolve reads it")
    func pipeFromMake() async throws {
        defer { harness.stop() }
        let passwordFile = try harness.folder.write("pw.txt", "CANARY-pipe-1\n")

        let made = try await MidkvProcess.run(
            ["secret", "make", "--type", "ssh_password", "--user", "svc", "--password-file", passwordFile, "-o", "-"],
            input: Data()
        )
        let put = try await midkv(
            ["secret", "put", "linux-piped", "--type", "ssh_password", "-"],
            input: Data(made.stdout.utf8)
        )
        let resolve = try await midkv(["resolve", "linux-piped", "--type", "ssh_password"])

        #expect(made.status == 0, "\(made.stderr)")
        #expect(put.status == 0, "\(put.stderr)")
        #expect(put.stdout.contains("Stored secret linux-piped in kv-contoso-disc.vault.azure.net: version "))
        #expect(resolve.status == 0, "\(resolve.stderr)")
        #expect(resolve.stdout.contains("  user  svc\n"))
        #expect(![put, resolve].contains { $0.output.contains("CANARY") })
    }

    @Test("put to an ID Key Vault cannot hold names a valid name for the new secret, for the record's ID too")
    func invalidNewName() async throws {
        defer { harness.stop() }
        let value = try SecretMaker(type: "ssh_password").make(["user": Secret("svc"), "password": Secret("CANARY-n")])
        let secretFile = try harness.folder.write("secret.json", value.reveal())

        let put = try await midkv(["secret", "put", "bad_name", "--type", "ssh_password", secretFile])
        let fix = put.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")

        #expect(put.status == 1)
        #expect(put.stderr.hasPrefix("error[credential-id.invalid-name]"))
        #expect(fix.contains("Name the new secret `bad-name` instead, and set the MID credential's Credential ID"))
        #expect(!fix.contains("actual name"))
        #expect(!put.output.contains("CANARY"))
    }

    @Test("get --lint on a stored secret with `username` exits 1 with the findings; --format json carries the metadata")
    func getLint() async throws {
        defer { harness.stop() }

        let human = try await midkv(["secret", "get", "username-key", "--lint", "--type", "ssh_password"])
        let json = try await midkv(["secret", "get", "linux-root-pw", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let facts = document?["facts"] as? [String: Any]

        #expect(human.status == 1)
        #expect(human.stdout.hasPrefix("username-key in vault kv-contoso-disc (kv-contoso-disc.vault.azure.net)\n"))
        #expect(human.stdout.contains("error[secret.missing-field]"))
        #expect(json.status == 0)
        #expect(document?["schema"] as? String == "midkv.findings/1")
        #expect(facts?["secret"] as? String == "linux-root-pw")
        #expect(facts?["contentType"] as? String == "application/json")
        #expect((facts?["version"] as? String)?.count == 32)
        #expect(facts?["valueBytes"] as? Int != nil)
        #expect(!human.output.contains("CANARY") && !json.output.contains("CANARY"))
    }
}
