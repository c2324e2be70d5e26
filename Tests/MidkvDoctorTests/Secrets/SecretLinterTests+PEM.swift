import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport
import Testing

@Suite("Secret linter: PEM keys")
struct SecretLinterPEMTests {
    /// An SSH private key secret holding `key`, with `extra` members.
    private func keySecret(_ key: String, extra: [(String, String)] = []) -> String {
        SecretSamples.json([("type", "ssh_private_key"), ("user", "svc-disc"), ("ssh_private_key", key)] + extra)
    }

    /// Lints `key` in an SSH private key secret and checks that no finding shows key material.
    private func lintKey(_ key: String, extra: [(String, String)] = []) -> [Finding] {
        let findings = lint(keySecret(key, extra: extra), type: "ssh_private_key")
        let body = SecretSamples.body(of: key)
        let pieces = stride(from: 0, to: max(0, body.count - 16), by: 64).map { String(body.dropFirst($0).prefix(16)) }
        expectNoCanary(findings, secrets: pieces)
        return findings
    }

    private var lines: [String] {
        SecretSamples.rsaKey.split(separator: "\n").map(String.init)
    }

    @Test("generated RSA and EC keys, PKCS#8 and PKCS#1 labels, have no findings")
    func cleanKeys() {
        #expect(lintKey(SecretSamples.rsaKey).isEmpty)
        #expect(lintKey(SecretSamples.ecKey).isEmpty)
        #expect(lintKey(SecretSamples.pem("RSA PRIVATE KEY", body: SecretSamples.rsaBody)).isEmpty)
        #expect(lintKey(SecretSamples.rsaKey.replacingOccurrences(of: "\n", with: "\r\n")).isEmpty)
    }

    // MARK: - secret.pem-flattened (field case 26)

    @Test("field case 26: header, body and footer on one line, with no line break in the body")
    func flattened() throws {
        let key = "-----BEGIN RSA PRIVATE KEY-----" + SecretSamples.rsaBody + "-----END RSA PRIVATE KEY-----"
        let findings = lintKey(key)

        #expect(findings.summary == ["error secret.pem-flattened"])
        let finding = try #require(findings.first)
        #expect(finding.seen("line breaks in the body") == "0")
        #expect(
            finding.seen("problem")
                == "key text follows the header on the same line; the footer follows key text on the same line"
        )
    }

    @Test("field case 26 as given: a placeholder body also fails the base64 length check")
    func fieldCase26Verbatim() {
        let findings = lint(
            #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"-----BEGIN RSA PRIVATE KEY-----MIIEpAIBAAKCAQEAplaceholderbase64body-----END RSA PRIVATE KEY-----"}"#
        )

        #expect(findings.summary == ["error secret.pem-flattened", "error secret.pem-invalid-base64"])
    }

    @Test("line breaks replaced by spaces, as a portal copy does, are flattening")
    func spacesForLineBreaks() {
        let findings = lintKey(lines.joined(separator: " "))

        #expect(findings.summary == ["error secret.pem-flattened"])
        #expect(findings[0].seen("problem")?.contains("key text follows the header") == true)
    }

    // MARK: - secret.pem-truncated

    @Test("field case 26, truncated: only the header line is left")
    func headerOnly() {
        let findings = lintKey("-----BEGIN RSA PRIVATE KEY-----")

        #expect(findings.summary == ["error secret.pem-truncated"])
        #expect(findings[0].message.contains("holds only the `-----BEGIN RSA PRIVATE KEY-----` line"))
        #expect(findings[0].cause?.contains("keeps only the first line") == true)
    }

    @Test("a key cut after ten lines has no footer")
    func noFooter() {
        let findings = lintKey(lines.prefix(10).joined(separator: "\n"))

        #expect(findings.summary == ["error secret.pem-truncated"])
        #expect(findings[0].seen("base64 characters") == "\(9 * 64)")
    }

    @Test("a key missing one line in the middle is shorter than its DER length says")
    func missingLine() {
        var damaged = lines
        damaged.remove(at: 5)
        let findings = lintKey(damaged.joined(separator: "\n") + "\n")

        #expect(findings.summary == ["error secret.pem-truncated"])
        #expect(findings[0].seen("decoded length").map { $0.hasSuffix(" bytes") } == true)
    }

    @Test("a footer naming another kind than the header is a truncation")
    func mismatchedLabels() {
        let key = SecretSamples.rsaKey.replacingOccurrences(
            of: "-----BEGIN PRIVATE KEY",
            with: "-----BEGIN RSA PRIVATE KEY"
        )
        let findings = lintKey(key)

        #expect(findings.summary == ["error secret.pem-truncated"])
        #expect(findings[0].seen("header label") == "RSA PRIVATE KEY")
        #expect(findings[0].seen("footer label") == "PRIVATE KEY")
    }

    @Test("a bare base64 body, a file path and an empty-looking text are no PEM key")
    func noHeader() {
        let bare = lintKey(SecretSamples.rsaBody)
        let path = lintKey("/home/svc-disc/.ssh/id_rsa")

        #expect(bare.summary == ["error secret.pem-truncated"])
        #expect(bare[0].cause?.contains("base64 body without its header") == true)
        #expect(path[0].cause?.contains("file path") == true)
    }

    // MARK: - secret.pem-escaped

    @Test("line breaks escaped twice, as `\\\\n` in the JSON, are reported with their count")
    func doublyEscaped() {
        let escaped = SecretSamples.rsaKey.replacingOccurrences(of: "\n", with: "\\n")
        let findings = lintKey(escaped)

        #expect(findings.summary == ["error secret.pem-escaped"])
        #expect(findings[0].seen("escaped line breaks") == "\(lines.count)")
        #expect(findings[0].seen("real line breaks") == "0")
    }

    // MARK: - secret.pem-invalid-base64

    @Test("a character outside base64 is an error naming its code point, line and column in the key")
    func invalidCharacter() {
        var damaged = lines
        damaged[3] = String(damaged[3].prefix(10)) + "!" + String(damaged[3].dropFirst(11))
        let findings = lintKey(damaged.joined(separator: "\n") + "\n")

        #expect(findings.summary == ["error secret.pem-invalid-base64"])
        #expect(findings[0].seen("first") == "U+0021 EXCLAMATION MARK")
        #expect(findings[0].seen("at") == "line 4 of the key, column 11")
    }

    @Test("a zero-width space inside the body is an invisible character and a base64 error")
    func invisibleInBody() {
        var damaged = lines
        damaged[2].insert("\u{200B}", at: damaged[2].index(damaged[2].startIndex, offsetBy: 20))
        let findings = lintKey(damaged.joined(separator: "\n") + "\n")

        #expect(findings.summary == ["error secret.invisible-character", "error secret.pem-invalid-base64"])
        #expect(findings[1].seen("first") == "U+200B ZERO WIDTH SPACE")
    }

    @Test("a body whose length is not a multiple of 4 is an error")
    func lengthNotMultipleOfFour() {
        var damaged = lines
        damaged[4].removeLast()
        let findings = lintKey(damaged.joined(separator: "\n") + "\n")

        #expect(findings.summary == ["error secret.pem-invalid-base64"])
        #expect(findings[0].seen("remainder") == "3")
    }

    @Test("lines of 76 characters, or one uneven line, are warnings")
    func lineLengths() {
        let wide = lintKey(SecretSamples.pem("PRIVATE KEY", body: SecretSamples.rsaBody, width: 76))
        var uneven = lines
        uneven.insert(String(uneven[6].suffix(14)), at: 7)
        uneven[6] = String(uneven[6].prefix(50))
        let split = lintKey(uneven.joined(separator: "\n") + "\n")

        #expect(wide.summary == ["warning secret.pem-invalid-base64"])
        #expect(wide[0].message.hasSuffix("the body's lines are 76 characters long"))
        #expect(split.summary == ["warning secret.pem-invalid-base64"])
        #expect(split[0].message.hasSuffix("line 6 of the body has 50 characters where line 1 has 64"))
    }

    // MARK: - secret.key-openssh-format and secret.key-encrypted-no-passphrase (field case 28)

    @Test("field case 28: an OpenSSH key is a warning with the ssh-keygen conversion")
    func openSSH() {
        let findings = lintKey(SecretSamples.openSSHKey(keyType: "ssh-rsa"))

        #expect(findings.summary == ["warning secret.key-openssh-format"])
        #expect(findings[0].seen("key type") == "ssh-rsa")
        #expect(findings[0].fix?.contains("ssh-keygen -p -m PEM -f key") == true)
    }

    @Test("field case 28 as given: the placeholder body is also too short for base64")
    func fieldCase28Verbatim() {
        let findings = lint(
            #"{"type":"ssh_private_key","user":"svc-disc","ssh_private_key":"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEplaceholder\n-----END OPENSSH PRIVATE KEY-----\n"}"#
        )

        #expect(findings.summary == ["error secret.pem-invalid-base64", "warning secret.key-openssh-format"])
    }

    @Test("an Ed25519 OpenSSH key gets the advice that it has no PEM form")
    func ed25519() {
        let findings = lintKey(SecretSamples.openSSHKey())

        #expect(findings[0].fix?.contains("Ed25519 keys have no PEM form") == true)
    }

    @Test("encrypted keys need `ssh_passphrase`: OpenSSH cipher, PKCS#8 label, Proc-Type header")
    func encryptedWithoutPassphrase() {
        let openSSH = SecretSamples.openSSHKey(cipher: "aes256-ctr", keyType: "ssh-rsa")
        let pkcs8 = SecretSamples.pem("ENCRYPTED PRIVATE KEY", body: SecretSamples.rsaBody)
        let legacy = SecretSamples.pem(
            "RSA PRIVATE KEY",
            body: SecretSamples.rsaBody,
            headers: ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF"]
        )

        let findings = [openSSH, pkcs8, legacy].map { lintKey($0) }

        #expect(
            findings[0].summary == ["warning secret.key-openssh-format", "error secret.key-encrypted-no-passphrase"]
        )
        #expect(findings[0][1].seen("encryption") == "OpenSSH cipher `aes256-ctr`")
        #expect(findings[1].summary == ["error secret.key-encrypted-no-passphrase"])
        #expect(findings[2].summary == ["error secret.key-encrypted-no-passphrase"])
        #expect(findings[2][0].seen("encryption") == "header `Proc-Type: 4,ENCRYPTED`")
    }

    @Test("an encrypted key with `ssh_passphrase` or its alias `passphrase` has no encryption finding")
    func encryptedWithPassphrase() {
        let pkcs8 = SecretSamples.pem("ENCRYPTED PRIVATE KEY", body: SecretSamples.rsaBody)

        #expect(lintKey(pkcs8, extra: [("ssh_passphrase", "CANARY-phrase")]).isEmpty)
        #expect(lintKey(pkcs8, extra: [("passphrase", "CANARY-phrase")]).summary == ["note secret.alias-used"])
    }

    // MARK: - secret.key-unsupported-format

    @Test("a PuTTY key, a public key line and a certificate are not private keys")
    func notPrivateKeys() {
        let putty = lintKey("PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: svc\nPublic-Lines: 6\n")
        let publicKey = lintKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ svc@host\n")
        let certificate = lintKey(SecretSamples.pem("CERTIFICATE", body: SecretSamples.rsaBody))

        #expect(putty.summary == ["error secret.key-unsupported-format"])
        #expect(putty[0].fix?.contains("puttygen key.ppk -O private-openssh") == true)
        #expect(publicKey.summary == ["error secret.key-unsupported-format"])
        #expect(certificate.summary == ["error secret.key-unsupported-format"])
        #expect(certificate[0].message.contains("a certificate"))
    }

    @Test("a PEM key in another field is checked too: a flattened Google Cloud private key")
    func keyInOtherField() {
        let flat = "-----BEGIN PRIVATE KEY-----" + SecretSamples.rsaBody + "-----END PRIVATE KEY-----"
        let findings = lint(
            SecretSamples.json([("type", "gcp"), ("email", "svc@proj.iam.gserviceaccount.com"), ("secret_key", flat)])
        )

        #expect(findings.summary == ["error secret.pem-flattened"])
        #expect(findings[0].seen("field") == "`secret_key`")
    }
}
