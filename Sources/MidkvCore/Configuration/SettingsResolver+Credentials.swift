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

    /// Reads a secret file and strips exactly one trailing line break (LF or CR LF).
    private func readSecretFile(_ path: String, source: SettingSource) throws -> Secret {
        let data: Data
        do {
            data = try fileReader.read(path)
        } catch {
            throw Self.unusableFile(
                source,
                path: path,
                problem: "cannot be read: \(error)",
                fix: "Give the path of a file that holds only the client secret's value, readable by this user."
            )
        }

        guard var text = String(data: data, encoding: .utf8) else {
            throw Self.unusableFile(
                source,
                path: path,
                problem: "is not UTF-8 text",
                fix: "Save the client secret's value as plain UTF-8 text."
            )
        }

        Self.stripOneLineBreak(&text)
        guard !text.isEmpty else {
            throw Self.unusableFile(
                source,
                path: path,
                problem: "is empty",
                fix: "Write the client secret's value (not its ID) into the file."
            )
        }
        return Secret(text)
    }

    static func stripOneLineBreak(_ text: inout String) {
        if text.utf8.last == ASCII.lineFeed {
            text.removeLast()
        }
    }
}
