import Foundation
import MidkvCore

/// Renders diagnostic findings for people or for programs.
///
/// Human output groups findings by check in the order the checks first appear, wraps at 80
/// columns, and ends with a count per severity. Severity labels are coloured only through the
/// style function, which ``init(console:)`` takes from ``Console`` (a terminal, `NO_COLOR` unset).
///
/// JSON output is one document, schema `midkv.findings/1`:
///
/// ```
/// {
///   "schema": "midkv.findings/1",
///   "findings": [
///     {
///       "check": "logs",                    // the check that produced it
///       "severity": "error",                // "ok", "note", "warning" or "error"
///       "code": "log.config-not-loaded",    // stable code, see the error code catalogue
///       "message": "…",                     // one line
///       "evidence": [{"label": "occurrences", "value": "3"}],   // in order; never secret
///       "cause": "…",                       // string or null
///       "fix": "…"                          // string or null
///     }
///   ],
///   "summary": {"error": 1, "warning": 0, "note": 0, "ok": 0},
///   "facts": { … }                          // only for commands that report facts; shape per command
/// }
/// ```
///
/// Keys are sorted. Fields are only ever added within schema version 1; a change in meaning or
/// a removal gets a new version.
struct FindingsRenderer: Sendable {
    /// The output formats a command can offer.
    enum Format: String, Sendable, CaseIterable {
        case human
        case json

        /// Parses the value of a `--format` option.
        init(option: String?) throws {
            guard let option else {
                self = .human
                return
            }
            guard let format = Format(rawValue: option.lowercased()) else {
                throw UsageError("unknown format '\(option)' (use human or json)")
            }
            self = format
        }
    }

    /// The schema identifier of the JSON document.
    static let schema = "midkv.findings/1"

    /// The width human output wraps at.
    var width = 80

    private let style: @Sendable (String, Console.Style) -> String

    /// A renderer that colours standard output as `console` allows.
    init(console: Console) {
        style = { console.styled($0, $1) }
    }

    /// A renderer that never colours.
    static let plain = FindingsRenderer(style: { text, _ in text })

    private init(style: @escaping @Sendable (String, Console.Style) -> String) {
        self.style = style
    }

    /// The findings as text for a terminal, with the summary line last.
    func human(_ findings: [Finding]) -> String {
        var blocks: [String] = []
        for check in checks(of: findings) {
            let group = findings.filter { $0.check == check }
            blocks.append(style(check, .bold) + "\n" + group.map(render).joined(separator: "\n\n"))
        }
        if blocks.isEmpty {
            blocks.append("No findings.")
        }
        return (blocks + [summaryLine(findings)]).joined(separator: "\n\n")
    }

    /// The findings as one JSON document, with `facts` under the `facts` key when given.
    func json(_ findings: [Finding], facts: (any Encodable & Sendable)? = nil) throws -> String {
        let document = FindingsDocument(
            schema: Self.schema,
            findings: findings.map(FindingsDocument.Item.init),
            summary: Dictionary(
                uniqueKeysWithValues: Finding.Severity.allCases.map { severity in
                    (severity.description, findings.count { $0.severity == severity })
                }
            ),
            facts: facts
        )

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// `2 errors, 1 warning, 0 notes`, with the passes added when there are any.
    func summaryLine(_ findings: [Finding]) -> String {
        let count = { (severity: Finding.Severity) in findings.count { $0.severity == severity } }
        var parts = [
            Counted.phrase(count(.error), "error"), Counted.phrase(count(.warning), "warning"),
            Counted.phrase(count(.note), "note"),
        ]
        if count(.ok) > 0 {
            parts.append("\(count(.ok)) ok")
        }
        return parts.joined(separator: ", ")
    }

    private func render(_ finding: Finding) -> String {
        let label = style(finding.severity.description, color(of: finding.severity))
        var lines = wrap("  \(label)[\(finding.code)]: \(finding.message)", indent: "    ")
        for item in finding.evidence {
            lines += wrap("    \(item.label): \(item.value)", indent: "      ")
        }
        if let cause = finding.cause {
            lines += wrap("    \(style("cause:", .bold)) \(cause)", indent: "      ")
        }
        if let fix = finding.fix {
            lines += wrap("    \(style("fix:", .bold)) \(fix)", indent: "      ")
        }
        return lines.joined(separator: "\n")
    }

    private func wrap(_ text: String, indent: String) -> [String] {
        TextWrap.lines(text, width: width, indent: indent)
    }

    private func checks(of findings: [Finding]) -> [String] {
        var seen: Set<String> = []
        return findings.map(\.check).filter { seen.insert($0).inserted }
    }

    private func color(of severity: Finding.Severity) -> Console.Style {
        switch severity {
        case .ok: .green
        case .note: .cyan
        case .warning: .yellow
        case .error: .red
        }
    }
}

extension FindingsRenderer {
    /// The JSON document, schema `midkv.findings/1`.
    fileprivate struct FindingsDocument: Encodable {
        struct Item: Encodable {
            var check: String
            var severity: String
            var code: String
            var message: String
            var evidence: [[String: String]]
            var cause: String?
            var fix: String?

            init(_ finding: Finding) {
                check = finding.check
                severity = finding.severity.description
                code = finding.code.rawValue
                message = finding.message
                evidence = finding.evidence.map { ["label": $0.label, "value": $0.value] }
                cause = finding.cause
                fix = finding.fix
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(check, forKey: .check)
                try container.encode(severity, forKey: .severity)
                try container.encode(code, forKey: .code)
                try container.encode(message, forKey: .message)
                try container.encode(evidence, forKey: .evidence)
                try container.encode(cause, forKey: .cause)
                try container.encode(fix, forKey: .fix)
            }

            private enum CodingKeys: String, CodingKey {
                case check, severity, code, message, evidence, cause, fix
            }
        }

        var schema: String
        var findings: [Item]
        var summary: [String: Int]
        var facts: (any Encodable & Sendable)?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schema, forKey: .schema)
            try container.encode(findings, forKey: .findings)
            try container.encode(summary, forKey: .summary)
            if let facts {
                try container.encode(facts, forKey: .facts)
            }
        }

        private enum CodingKeys: String, CodingKey {
            case schema, findings, summary, facts
        }
    }
}
