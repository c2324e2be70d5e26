import Foundation
import MidkvCore

/// Renders a secret version's metadata for a terminal, followed by findings.
struct SecretMetadataRenderer {
    let console: Console

    /// The metadata as aligned rows, then the findings (always when the value was checked).
    func render(_ metadata: SecretMetadata, findings: [Finding], linted: Bool) -> String {
        let rows: [(String, String)] = [
            ("version", metadata.version),
            ("enabled", metadata.enabled.map { $0 ? "yes" : "no" } ?? "-"),
            ("created", metadata.created ?? "-"),
            ("updated", metadata.updated ?? "-"),
            ("not before", metadata.notBefore ?? "-"),
            ("expires", metadata.expires ?? "-"),
            ("content type", metadata.contentType ?? "-"),
            ("tags", tags(metadata.tags)),
            ("value", "\(metadata.valueBytes) bytes (not shown)"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        var lines = [console.styled("\(metadata.secret) in vault \(metadata.vault) (\(metadata.vaultHost))", .bold)]
        for (label, value) in rows {
            lines += TextWrap.lines(
                "  \(label.padding(toLength: width, withPad: " ", startingAt: 0))  \(value)",
                width: 80,
                indent: String(repeating: " ", count: width + 4)
            )
        }

        guard linted || !findings.isEmpty else {
            return lines.joined(separator: "\n")
        }
        let heading = linted ? "Value checked for type \(metadata.checkedType ?? "its own type"):" : "Findings:"
        return (lines + ["", heading, "", FindingsRenderer(console: console).human(findings)]).joined(separator: "\n")
    }

    private func tags(_ tags: [String: String]) -> String {
        guard !tags.isEmpty else {
            return "-"
        }
        return tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
