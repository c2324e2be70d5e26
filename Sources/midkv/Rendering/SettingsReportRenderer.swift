import Foundation
import MidkvCore

/// Renders `midkv config show` for a terminal or as JSON.
struct SettingsReportRenderer {
    let console: Console

    /// The human text: the settings table, the authentication decision, then notes.
    func render(_ report: SettingsReport) -> String {
        var lines = ["config.xml: \(report.configFile ?? "none (settings from flags and environment only)")", ""]
        let width = min(34, report.rows.map(\.name.count).max() ?? 0)
        for row in report.rows {
            let name = row.name.padding(toLength: max(width, row.name.count), withPad: " ", startingAt: 0)
            let source = console.styled("[\(row.source)]", .dim)
            lines += TextWrap.lines(
                "\(name)  \(row.value)  \(source)",
                width: 80,
                indent: String(repeating: " ", count: width + 4)
            )
            if let note = row.note, !note.isEmpty {
                lines += TextWrap.lines(
                    "\(String(repeating: " ", count: width + 2))(\(note))",
                    width: 80,
                    indent: String(repeating: " ", count: width + 3)
                )
            }
        }

        lines += ["", console.styled(authenticationHeading(report), .bold)]
        for line in report.authentication {
            lines += TextWrap.lines("  \(line)", width: 80, indent: "    ")
        }
        if !report.notes.isEmpty {
            lines += ["", "Notes:"]
            for note in report.notes {
                lines += TextWrap.lines("  - \(note)", width: 80, indent: "    ")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func authenticationHeading(_ report: SettingsReport) -> String {
        guard let mode = report.authenticationMode else {
            return "Authentication: not possible with these settings"
        }
        return "Authentication: \(mode)"
    }

    /// The JSON document (schema `midkv.config/1`).
    static func json(_ report: SettingsReport) -> [String: Any] {
        var object: [String: Any] = [
            "schema": "midkv.config/1",
            "settings": report.rows.map { row -> [String: Any] in
                var item: [String: Any] = ["name": row.name, "value": row.value, "source": row.source]
                item["note"] = row.note
                return item
            },
            "authentication": [
                "mode": report.authenticationMode.map { $0.rawValue } as Any,
                "explanation": report.authentication,
            ],
            "notes": report.notes,
        ]
        object["configFile"] = report.configFile
        object["error"] = report.authenticationError.map(JSONOutput.error)
        return object
    }
}
