import Foundation
import MidkvCore
import MidkvDoctor

/// `midkv secret lint`: check a secret value before it is stored, or repair it with `--fix`.
struct SecretLintCommand: Command {
    static let path = ["secret", "lint"]
    static let summary = "Check a secret value without showing it; --fix repairs"
    static let usage =
        "secret lint [FILE|-] [--type TYPE] [--format human|json] [--lines]\n"
        + "       midkv secret lint --fix FILE -o OUT [--type TYPE] [--force]"
    static let discussion = """
        Reads the value from FILE, or from standard input for - or no FILE, and checks it as Key \
        Vault stores it and the MID reads it: encoding, size, JSON, the type and its keys, hidden \
        characters, whitespace, PEM keys and Windows users. Findings name fields, lengths, code \
        points and positions, never values. Without --type the value's own "type" decides. Exit \
        status 1 when any finding is an error. With --lines every line is one value. --fix writes \
        the repaired value to OUT (mode 0600), never over FILE, and lists what it changed.
        """
    static let options: [OptionSpec] = [
        SecretCommand.typeOption,
        OutputOptions.format,
        .flag("lines", help: "check each line of the input as one value"),
        .flag("fix", help: "write a repaired value to the -o file and list the changes"),
        .value("output", "OUT", short: "o", help: "where --fix writes the repaired value (mode 0600)"),
        .flag("force", help: "let --fix replace an existing output file"),
    ]

    let input: String
    let type: String?
    let format: FindingsRenderer.Format
    let mode: Mode

    /// What the command does with the value.
    enum Mode: Equatable {
        case check
        case lines
        case fix(output: String, replacing: Bool)
    }

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.count <= 1 else {
            throw UsageError("expected one FILE (or - for standard input), got \(arguments.positionals.count)")
        }
        input = arguments.positionals.first ?? "-"
        type = arguments.value("type")
        format = try FindingsRenderer.Format(option: arguments.value("format"))
        mode = try Self.mode(from: arguments)
    }

    private static func mode(from arguments: ParsedArguments) throws -> Mode {
        let output = arguments.value("output")
        guard arguments.flag("fix") else {
            guard output == nil, !arguments.flag("force") else {
                throw UsageError("-o and --force go with --fix")
            }
            return arguments.flag("lines") ? .lines : .check
        }

        guard !arguments.flag("lines") else {
            throw UsageError("--fix repairs one value; it does not go with --lines")
        }
        guard let output, !output.isEmpty else {
            throw UsageError("--fix needs -o OUT: the repaired value is only ever written to a file")
        }
        return .fix(output: output, replacing: arguments.flag("force"))
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let data = try await SecretCommand.read(input, context: context)
        switch mode {
        case .check:
            return try check(data, context: context)
        case .lines:
            return try checkLines(data, context: context)
        case .fix(let output, let replacing):
            return try await fix(data, output: output, replacing: replacing, context: context)
        }
    }

    // MARK: - Checking

    private func check(_ data: Data, context: CommandContext) throws -> ExitStatus {
        let findings = SecretLinter(credentialType: type).lint(contentsOf: data)
        let facts = Facts(source: sourceName, bytes: data.count, type: type)
        try write(findings, facts: facts, heading: "\(sourceName), \(data.count) bytes\(typeNote)", context: context)
        return SecretCommand.hasErrors(findings) ? .failure : .success
    }

    private func checkLines(_ data: Data, context: CommandContext) throws -> ExitStatus {
        let linter = SecretLinter(credentialType: type)
        let bytes = [UInt8](data)
        var findings: [Finding] = []
        var values = 0
        var start = 0
        var number = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            number += 1
            let value = end > start && bytes[end - 1] == 0x0D ? bytes[start..<(end - 1)] : bytes[start..<end]
            start = end + 1
            guard !value.isEmpty else {
                continue
            }

            values += 1
            for var finding in linter.lint(contentsOf: value) {
                finding.evidence.insert(Evidence("input line", "\(number)"), at: 0)
                findings.append(finding)
            }
        }

        let facts = Facts(source: sourceName, bytes: data.count, type: type, values: values)
        try write(findings, facts: facts, heading: "\(sourceName), \(values) values\(typeNote)", context: context)
        return SecretCommand.hasErrors(findings) ? .failure : .success
    }

    private func write(_ findings: [Finding], facts: Facts, heading: String, context: CommandContext) throws {
        let renderer = FindingsRenderer(console: context.console)
        switch format {
        case .human:
            context.console.out(heading + "\n\n" + renderer.human(findings))
        case .json:
            context.console.out(try renderer.json(findings, facts: facts))
        }
    }

    private var sourceName: String {
        input == "-" ? "standard input" : input
    }

    private var typeNote: String {
        type.map { ", checked for type \($0)" } ?? ", checked for its own type"
    }

    /// The `facts` of the JSON document.
    struct Facts: Encodable, Sendable {
        var source: String
        var bytes: Int
        var type: String?
        var values: Int?
    }
}
