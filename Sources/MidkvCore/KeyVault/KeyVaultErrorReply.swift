import Foundation

/// A Key Vault error reply: `{"error":{"code","message","innererror":{"code"}}}`.
struct KeyVaultErrorReply {
    /// `error.code`, such as `Forbidden`.
    var code: String
    /// `error.message`.
    var message: String
    /// `error.innererror.code`, such as `ForbiddenByRbac`.
    var innerCode: String?

    /// Reads an error reply; `nil` when `body` is not Key Vault's error JSON.
    init?(body: Data) {
        guard let error = JSONObject(data: body)?.object("error"), let code = error.string("code") else {
            return nil
        }

        self.code = code
        self.message = error.string("message") ?? ""
        self.innerCode = error.object("innererror")?.string("code")
    }

    /// The service message on one line (`\r\n` separated parts joined with ` | `).
    var flatMessage: String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " | ")
    }

    /// The value after `label` in the message, up to the end of that line or a `;`.
    func field(_ label: String) -> String? {
        for line in message.split(whereSeparator: \.isNewline) {
            guard let range = line.range(of: label) else {
                continue
            }
            let value = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
