import Foundation
import MidkvSupport

extension SettingsResolver {
    /// The client secret: the contents of `--client-secret-file`, else `AZURE_CLIENT_SECRET`,
    /// else `ext.cred.azure.secret_key`.
    mutating func resolveClientSecret() throws -> Setting<Secret>? {
        let key = SettingKey.clientSecret
        guard let path = flag("--client-secret-file") else {
            return lookup(key, includingFlags: false).map { Setting(Secret($0.text), source: $0.source) }
        }

        let source = SettingSource.flag("--client-secret-file")
        let secret = try readSecretFile(path, source: source)
        _ = lookup(key, includingFlags: false)
        return Setting(secret, source: source)
    }

    /// What a secret file holds, for the messages about it.
    struct SecretFileContent {
        /// The value, as in "a file that holds only the client secret's value".
        var what: String
        /// What to write into an empty file.
        var emptyFix: String

        static let clientSecret = SecretFileContent(
            what: "the client secret's value",
            emptyFix: "Write the client secret's value (not its ID) into the file."
        )
        static let passphrase = SecretFileContent(
            what: "the private key's passphrase",
            emptyFix: "Write the passphrase of the client certificate's private key into the file."
        )
    }

    /// Reads a secret file and strips exactly one trailing line break (LF or CR LF).
    func readSecretFile(
        _ path: String,
        source: SettingSource,
        content: SecretFileContent = .clientSecret
    ) throws
        -> Secret
    {
        let data: Data
        do {
            data = try fileReader.read(path)
        } catch {
            throw Self.unusableFile(
                source,
                path: path,
                problem: "cannot be read: \(error)",
                fix: "Give the path of a file that holds only \(content.what), readable by this user."
            )
        }

        guard var text = String(data: data, encoding: .utf8) else {
            throw Self.unusableFile(
                source,
                path: path,
                problem: "is not UTF-8 text",
                fix: "Save \(content.what) as plain UTF-8 text."
            )
        }

        Self.stripOneLineBreak(&text)
        guard !text.isEmpty else {
            throw Self.unusableFile(source, path: path, problem: "is empty", fix: content.emptyFix)
        }
        return Secret(text)
    }

    static func stripOneLineBreak(_ text: inout String) {
        if text.utf8.last == ASCII.lineFeed {
            text.removeLast()
        }
    }
}
