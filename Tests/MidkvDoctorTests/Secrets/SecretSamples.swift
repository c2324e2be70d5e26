import Foundation
import MidkvCore
import MidkvCrypto
import MidkvSupport
import MidkvTestSupport

/// Realistic secret values for the linter's tests: the field cases' shapes, and PEM keys
/// generated for the run and then damaged the way they are damaged in the field.
enum SecretSamples {
    /// The marker in every secret value of these tests; it must never reach a finding.
    static let canary = "CANARY"

    /// A password that carries the canary.
    static let password = "CANARY-Pl@ceholder-1"

    /// A PKCS#8 RSA key (`BEGIN PRIVATE KEY`), generated once per test run.
    static let rsaKey: String = try! TestKeys.rsa().pkcs8PEM.reveal()

    /// A PKCS#8 EC key, generated once per test run.
    static let ecKey: String = try! KeyMaterial.newPrivateKeyPEM(.ecdsaP256).reveal()

    /// The base64 body of ``rsaKey``, without line breaks.
    static var rsaBody: String {
        body(of: rsaKey)
    }

    /// The base64 body of a PEM text, without line breaks.
    static func body(of pem: String) -> String {
        pem.split(separator: "\n").filter { !$0.hasPrefix("-----") && !$0.contains(":") }.joined()
    }

    /// `body` in lines of `width`, between header and footer lines for `label`.
    static func pem(_ label: String, body: String, width: Int = 64, headers: [String] = []) -> String {
        var lines = ["-----BEGIN \(label)-----"]
        if !headers.isEmpty {
            lines += headers + [""]
        }
        var rest = Substring(body)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An OpenSSH private key container whose header names `cipher` and an Ed25519 or RSA key.
    static func openSSHKey(cipher: String = "none", keyType: String = "ssh-ed25519") -> String {
        var blob = Data("openssh-key-v1\0".utf8)
        let encrypted = cipher != "none"
        blob += sshString(Data(cipher.utf8))
        blob += sshString(Data((encrypted ? "bcrypt" : "none").utf8))
        blob += sshString(encrypted ? sshString(Data(repeating: 7, count: 16)) + uint32(16) : Data())
        blob += uint32(1)
        blob += sshString(sshString(Data(keyType.utf8)) + sshString(Data(repeating: 1, count: 32)))
        blob += sshString(Data(repeating: 2, count: 120))
        return pem("OPENSSH PRIVATE KEY", body: blob.base64EncodedString(), width: 70)
    }

    private static func sshString(_ data: Data) -> Data {
        uint32(data.count) + data
    }

    private static func uint32(_ value: Int) -> Data {
        Data([UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    /// `object` as compact JSON with keys in the given order; string values escaped as JSON
    /// requires.
    static func json(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}"
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
