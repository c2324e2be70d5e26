import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport

extension SecretLintCommand {
    /// Repairs the value, writes it to `output` when anything was repaired, and reports the
    /// changes and the findings that remain.
    func fix(_ data: Data, output: String, replacing: Bool, context: CommandContext) async throws -> ExitStatus {
        let outcome = SecretRepair(credentialType: type).repair(contentsOf: data)
        if let value = outcome.value {
            try await SecretCommand.writePrivate(
                Data(value.reveal().utf8),
                to: output,
                replacing: replacing,
                inputs: [input],
                context: context
            )
        }

        let facts = FixFacts(
            source: sourceName(for: input),
            output: output,
            written: outcome.value != nil,
            changes: outcome.changes.map { FixFacts.Change(field: $0.field, summary: $0.summary) }
        )
        switch format {
        case .human:
            context.console.out(humanReport(outcome, output: output, console: context.console))
        case .json:
            context.console.out(
                try FindingsRenderer(console: context.console).json(outcome.remaining, facts: facts)
            )
        }
        return SecretCommand.hasErrors(outcome.remaining) ? .failure : .success
    }

    private func humanReport(_ outcome: SecretRepair.Outcome, output: String, console: Console) -> String {
        let renderer = FindingsRenderer(console: console)
        guard outcome.value != nil else {
            return "Nothing to repair with certainty; \(output) was not written.\n\n"
                + renderer.human(outcome.remaining)
        }

        let count = outcome.changes.count
        var lines = ["Wrote \(output) (mode 0600) with \(count) change\(count == 1 ? "" : "s"):"]
        for change in outcome.changes {
            lines += TextWrap.lines("  - \(change)", width: 80, indent: "    ")
        }
        lines += ["", "The repaired value:", "", renderer.human(outcome.remaining)]
        return lines.joined(separator: "\n")
    }

    private func sourceName(for input: String) -> String {
        input == "-" ? "standard input" : input
    }

    /// The `facts` of the JSON document for `--fix`.
    struct FixFacts: Encodable, Sendable {
        struct Change: Encodable, Sendable {
            var field: String?
            var summary: String
        }

        var source: String
        var output: String
        var written: Bool
        var changes: [Change]
    }
}
