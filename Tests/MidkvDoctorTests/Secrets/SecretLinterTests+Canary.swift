import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Secret linter: no finding shows a value")
struct SecretLinterCanaryTests {
    /// Values with the canary in every place a value can be, each broken in a way that makes
    /// the linter talk about that place.
    static let values: [SensitiveArgument<String>] = [
        SensitiveArgument("bare password", "CANARY-Pl@ceholder-1"),
        SensitiveArgument("unterminated string", #"{"type":"ssh","user":"svc","password":"CANARY-p"#),
        SensitiveArgument("two strings", #"{"type":"ssh","user":"svc","password":"CANARY-p" "CANARY-q"}"#),
        SensitiveArgument("single quotes", #"{'type':'ssh','user':'svc','password':'CANARY-p'}"#),
        SensitiveArgument("JSON string", #""{\"type\":\"ssh\",\"password\":\"CANARY-p\"}""#),
        SensitiveArgument("secret in type", #"{"type":"CANARY:t","user":"CANARY-u","password":"CANARY-p"}"#),
        SensitiveArgument(
            "hidden characters",
            "{\"type\":\"ssh\",\"user\":\"CANARY\u{200B}\",\"password\":\"\u{201C}CANARY\u{2013}p\u{201D}\"}"
        ),
        SensitiveArgument("whitespace", #"{"type":"ssh","user":" CANARY-u","password":"CANARY-p\r\n"}"#),
        SensitiveArgument("wrong kinds", #"{"type":"ssh","user":{"name":"CANARY-u"},"password":["CANARY-p"]}"#),
        SensitiveArgument(
            "domain twice",
            #"{"type":"windows","user":"CANARYDOM\\svc","password":"CANARY-p","domain":"CANARYOTHER"}"#
        ),
        SensitiveArgument("unknown keys", #"{"type":"ssh","usr":"CANARY-u","pass":"CANARY-p","note":"CANARY-n"}"#),
        SensitiveArgument(
            "snmpv3 half privacy",
            #"{"type":"snmpv3","user":"n","authentication_protocol":"SHA","authentication_key":"CANARY-a","privacy_key":"CANARY-k"}"#
        ),
        SensitiveArgument(
            "encrypted key",
            SecretSamples.json([
                ("type", "ssh_private_key"), ("user", "CANARY-u"),
                ("ssh_private_key", SecretSamples.pem("ENCRYPTED PRIVATE KEY", body: SecretSamples.rsaBody)),
                ("passphrase", "CANARY-ph\n"),
            ])
        ),
        SensitiveArgument(
            "escaped key",
            #"{"type":"ssh_private_key","user":"u","ssh_private_key":"-----BEGIN RSA PRIVATE KEY-----\\nCANARY\\n-----END RSA PRIVATE KEY-----"}"#
        ),
        SensitiveArgument("key text", #"{"type":"ssh_private_key","user":"u","ssh_private_key":"CANARY-not-a-key"}"#),
        SensitiveArgument(
            "key with bad characters",
            "{\"type\":\"ssh_private_key\",\"user\":\"u\",\"ssh_private_key\":\"-----BEGIN PRIVATE KEY-----\\nCANARY!!\\n-----END PRIVATE KEY-----\\n\"}"
        ),
    ]

    @Test("no finding, for any type asked, shows a canary value", arguments: values)
    func noValueShown(value: SensitiveArgument<String>) {
        for type in [nil, "ssh_password", "ssh_private_key", "windows", "snmpv3", "infoblox"] as [String?] {
            _ = lint(value.value, type: type)
            let bytes = [0xEF, 0xBB, 0xBF] + Array(value.value.utf8)
            _ = lint(bytes: bytes, type: type)
            _ = lint(bytes: Array(value.value.utf8) + [0xE9], type: type)
        }
    }

    @Test("no repair change or remaining finding shows a canary value", arguments: values)
    func noValueInRepairs(value: SensitiveArgument<String>) {
        for type in [nil, "ssh_password", "windows"] as [String?] {
            let outcome = SecretRepair(credentialType: type).repair(Secret(value.value))
            expectNoCanary(outcome.remaining)
            let changes = outcome.changes.map(\.description).joined(separator: "\n")
            #expect(!changes.contains(SecretSamples.canary), "a change shows a secret value")
        }
    }
}
