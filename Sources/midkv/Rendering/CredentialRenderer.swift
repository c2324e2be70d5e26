import Foundation
import MidkvCore
import MidkvSupport

/// Renders a resolved credential: where it came from and its MID fields, redacted unless the
/// user asked to reveal them.
struct CredentialRenderer {
    let console: Console
    let reveal: Bool

    /// The human text.
    func render(_ resolved: ResolvedCredential) -> String {
        let id = resolved.credentialID
        var lines = [
            console.styled("\(resolved.request.credentialID) (\(resolved.request.type))", .bold),
            "  secret \(id.secretName), version \(resolved.secretVersion)",
            "  vault  \(resolved.vaultURL.host ?? id.vaultName) (\(id.vaultSource))",
        ]
        let fields = resolved.credential.fields
        let width = fields.map(\.key.rawValue.count).max() ?? 0
        for field in fields {
            let key = field.key.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append(contentsOf: fieldLines(key: key, field: field, indent: width + 4))
        }
        for warning in resolved.warnings {
            let label = warning.severity == .note ? "note" : "warning"
            lines += TextWrap.lines("\(label)[\(warning.code)]: \(warning.message)", width: 80, indent: "  ")
        }
        return lines.joined(separator: "\n")
    }

    private func fieldLines(key: String, field: MIDCredential.Field, indent: Int) -> [String] {
        guard field.isSensitive else {
            return ["  \(key)  \(field.value.reveal())"]
        }
        guard reveal else {
            return ["  \(key)  \(Secret.redactionMarker) (\(field.value.count) characters)"]
        }
        let value = field.value.reveal()
        guard value.contains("\n") else {
            return ["  \(key)  \(value)"]
        }
        return ["  \(key)  (\(value.split(separator: "\n", omittingEmptySubsequences: false).count) lines follow)"]
            + value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The JSON document (schema `midkv.resolve/1`).
    func json(_ resolved: ResolvedCredential) -> [String: Any] {
        var fields: [String: String] = [:]
        for field in resolved.credential.fields {
            fields[field.key.rawValue] = reveal || !field.isSensitive ? field.value.reveal() : Secret.redactionMarker
        }
        return [
            "schema": "midkv.resolve/1",
            "credentialId": resolved.request.credentialID,
            "type": resolved.request.type,
            "secretType": resolved.credential.jsonType,
            "vault": resolved.credentialID.vaultName,
            "vaultHost": resolved.vaultURL.host ?? "",
            "secret": resolved.credentialID.secretName,
            "version": resolved.secretVersion,
            "revealed": reveal,
            "fields": fields,
            "warnings": resolved.warnings.map(JSONOutput.finding),
        ]
    }
}
