import Foundation
import MidkvCore

/// Renders `midkv config show` for a terminal or as JSON.
struct SettingsReportRenderer {
    let console: Console

    /// The human text: the settings table, the authentication decision, then notes.
    func render(_ report: SettingsReport) -> String {
        var lines = ["config.xml: \(report.configFile ?? "none (settings from flags and environment only)")", ""]
        let width = report.rows.map(\.name.count).max() ?? 0
        for row in report.rows {
            lines += rowLines(row, width: width)
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

    private func rowLines(_ row: SettingsReport.Row, width: Int) -> [String] {
        let name = row.name.padding(toLength: width, withPad: " ", startingAt: 0)
        let head = "\(name)  \(TerminalText.oneLine(row.value))"
        guard row.source != SettingsReport.notSetSource else {
            return [head]
        }

        let details = [row.source, row.note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
        let annotation = console.styled("(\(details))", .dim)
        let indent = String(repeating: " ", count: width + 2)
        if head.count + details.count + 4 <= 80 {
            return ["\(head)  \(annotation)"]
        }
        return TextWrap.lines(head, width: 80, indent: indent)
            + TextWrap.lines(indent + annotation, width: 80, indent: indent)
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
