import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Secret repair")
struct SecretRepairTests {
    private let key = SecretSamples.rsaKey

    /// Repairs `value` and checks that neither the changes nor the findings show a secret.
    private func repair(_ value: String, type: String? = nil, bytes: [UInt8]? = nil) -> SecretRepair.Outcome {
        let repair = SecretRepair(credentialType: type)
        let outcome = bytes.map { repair.repair(contentsOf: $0) } ?? repair.repair(Secret(value))
        let body = SecretSamples.body(of: key)
        expectNoCanary(outcome.remaining, secrets: [String(body.prefix(20)), String(body.suffix(20))])
        let changes = outcome.changes.map(\.description).joined(separator: "\n")
        #expect(!changes.contains(SecretSamples.canary), "a change shows a secret value")
        #expect(!changes.contains(String(body.prefix(20))), "a change shows key material")
        return outcome
    }

    /// The repaired value's member `key`, decoded.
    private func member(_ key: String, of outcome: SecretRepair.Outcome) throws -> String? {
        let value = try #require(outcome.value)
        let object = try JSONSerialization.jsonObject(with: Data(value.reveal().utf8)) as? [String: Any]
        return object?[key] as? String
    }

    private func keySecret(_ key: String, name: String = "ssh_private_key") -> String {
        SecretSamples.json([("type", "ssh_private_key"), ("user", "svc-disc"), (name, key)])
    }

    // MARK: - Encoding and JSON

    @Test("a byte-order mark is removed and the value then lints clean")
    func byteOrderMark() {
        let outcome = repair(
            "",
            bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"type":"ssh","user":"svc","password":"CANARY-1"}"#.utf8)
        )

        #expect(outcome.changes.map(\.description) == ["removed the UTF-8 byte-order mark"])
        #expect(outcome.remaining.isEmpty)
        let exact = outcome.value?.reveal() == #"{"type":"ssh","user":"svc","password":"CANARY-1"}"#
        #expect(exact, "the rest of the value is kept byte for byte")
    }

    @Test("UTF-16 with a byte-order mark is converted to UTF-8")
    func utf16() {
        let text = #"{"type":"ssh","user":"svc","password":"CANARY-2"}"#
        let outcome = repair("", bytes: [0xFE, 0xFF] + Array(text.data(using: .utf16BigEndian)!))

        #expect(outcome.changes.map(\.summary) == ["converted UTF-16 (big-endian) to UTF-8"])
        #expect(outcome.remaining.isEmpty)
    }

    @Test("a PEM key pasted with raw line breaks is escaped into valid JSON, key unchanged")
    func rawLineBreaks() throws {
        let value = "{\"type\":\"ssh_private_key\",\"user\":\"svc\",\"ssh_private_key\":\"" + key + "\"}"
        let outcome = repair(value)

        #expect(
            outcome.changes.map(\.summary) == [
                "escaped \(key.split(separator: "\n").count) raw line breaks or tabs inside JSON strings"
            ]
        )
        #expect(outcome.remaining.isEmpty)
        let same = try member("ssh_private_key", of: outcome) == key
        #expect(same, "the key is the original key")
    }

    // MARK: - PEM keys

    @Test(
        "flattened, space-separated, doubly escaped and over-long keys are written again exactly as generated",
        arguments: [
            SensitiveArgument(
                "flattened",
                "-----BEGIN PRIVATE KEY-----" + SecretSamples.rsaBody + "-----END PRIVATE KEY-----"
            ),
            SensitiveArgument("spaces", SecretSamples.rsaKey.split(separator: "\n").joined(separator: " ")),
            SensitiveArgument("escaped", SecretSamples.rsaKey.replacingOccurrences(of: "\n", with: "\\n")),
            SensitiveArgument("76 columns", SecretSamples.pem("PRIVATE KEY", body: SecretSamples.rsaBody, width: 76)),
        ]
    )
    func rewrapped(damaged: SensitiveArgument<String>) throws {
        let outcome = repair(keySecret(damaged.value))

        #expect(outcome.changes.count == 1)
        #expect(outcome.changes.first?.field == "ssh_private_key")
        #expect(outcome.remaining.isEmpty)
        let same = try member("ssh_private_key", of: outcome) == key
        #expect(same, "the repaired key is the generated key")
    }

    @Test("an OpenSSH key is re-wrapped at 70 columns, as ssh-keygen writes it")
    func openSSHWidth() throws {
        let original = SecretSamples.openSSHKey(keyType: "ssh-rsa")
        let flat = original.split(separator: "\n").joined(separator: " ")
        let outcome = repair(keySecret(flat))

        let same = try member("ssh_private_key", of: outcome) == original
        #expect(same, "the repaired key is the original key")
        #expect(outcome.remaining.summary == ["warning secret.key-openssh-format"])
    }

    @Test("a truncated key, a key with a foreign character and a key with a lost line are left alone")
    func unsureKeys() {
        var lines = key.split(separator: "\n").map(String.init)
        lines[3] = String(lines[3].dropLast()) + "!"
        let foreign = lines.joined(separator: " ")
        let truncated = "-----BEGIN PRIVATE KEY-----" + String(SecretSamples.rsaBody.prefix(400))

        for damaged in [foreign, truncated] {
            let outcome = repair(keySecret(damaged))
            #expect(outcome.value == nil)
            #expect(outcome.changes.isEmpty)
            #expect(outcome.remaining.contains { $0.severity == .error })
        }
    }

    // MARK: - Keys

    @Test("an alias becomes the documented key; `username` for a missing `user` becomes `user`")
    func renames() throws {
        let alias = repair(keySecret(key, name: "private_key"))
        let username = repair(#"{"type":"ssh","username":"svc","password":"CANARY-3"}"#, type: "ssh_password")

        #expect(alias.changes.map(\.description) == ["`private_key`: renamed the key to `ssh_private_key`"])
        #expect(alias.remaining.isEmpty)
        #expect(username.changes.map(\.description) == ["`username`: renamed the key to `user`"])
        #expect(username.remaining.isEmpty)
    }

    @Test("invisible characters and spaces are removed from keys, and case differences renamed")
    func keyCleaning() {
        let outcome = repair(
            "{\"type\":\"windows\",\"User\":\"svc\",\"password\u{200B} \":\"CANARY-4\",\"domain\":\"CONTOSO\"}"
        )

        #expect(
            outcome.changes.map(\.description) == [
                "`User`: renamed the key to `user`",
                "`password<U+200B> `: removed invisible characters and spaces from the key; renamed the key to `password`",
            ]
        )
        #expect(outcome.remaining.isEmpty)
    }

    @Test("a rename that would duplicate a key is not made")
    func collidingRename() {
        let outcome = repair(#"{"type":"ssh","user":"svc","User":"other","password":"CANARY-5"}"#)

        #expect(outcome.value == nil)
        #expect(outcome.remaining.summary == ["warning secret.unknown-field"])
    }

    // MARK: - Values

    @Test("line breaks at the end of a flagged password are removed; spaces at its end are not")
    func trailingLineBreaks() throws {
        let breaks = repair(#"{"type":"ssh","user":"svc","password":"CANARY-6\r\n"}"#)
        let spaces = repair(#"{"type":"ssh","user":"svc","password":"CANARY-6  "}"#)

        #expect(breaks.changes.map(\.description) == ["`password`: removed 2 line-break characters at the end"])
        #expect(breaks.remaining.isEmpty)
        let trimmed = try member("password", of: breaks) == "CANARY-6"
        #expect(trimmed, "only the line break is removed")
        #expect(spaces.value == nil)
        #expect(spaces.remaining.summary == ["warning secret.whitespace"])
    }

    @Test("values it cannot be sure of are refused: invalid UTF-8, a bare password, a wrong type")
    func refusals() {
        let invalid = repair(
            "",
            bytes: Array(#"{"type":"ssh","user":"svc","password":"CANARY-caf"#.utf8) + [0xE9, 0x22, 0x7D]
        )
        let bare = repair("CANARY-Pl@ceholder-1")
        let wrongType = repair(#"{"type":"ssh_password","user":"svc","password":"CANARY-7"}"#, type: "windows")

        #expect(invalid.value == nil)
        #expect(invalid.remaining.summary == ["error secret.encoding"])
        #expect(bare.value == nil)
        #expect(bare.remaining.summary == ["error secret.not-json"])
        #expect(wrongType.value == nil)
        #expect(wrongType.remaining.codes == ["secret.type-mismatch", "secret.domain-empty"])
    }
}
