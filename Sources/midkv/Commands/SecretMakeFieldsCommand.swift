import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport

/// The field options of `secret make`, one per key spelling in the credential catalogue:
/// `--KEY VALUE` for names and settings, `--KEY-file PATH` for secrets (and for the settings in
/// ``documentKeys``). A secret given as a value is refused, with the reason.
enum SecretMakeFields {
    /// Where one field's value comes from.
    struct Input: Sendable, Equatable {
        /// The JSON key as spelled on the command line (`_` for `-`).
        var key: String
        /// The value given on the command line, for a field that is not secret.
        var value: String?
        /// The file to read, `-` for standard input.
        var file: String?
    }

    /// One key spelling and how the catalogue uses it.
    private struct Spelling {
        var key: String
        var secretSomewhere: Bool
        var plainSomewhere: Bool

        var option: String {
            key.replacingOccurrences(of: "_", with: "-")
        }
    }

    /// Settings whose value is usually a file's contents: they take `--KEY-file PATH` as well.
    static let documentKeys: Set<String> = ["ssh_certificate", "truststore"]

    /// Every key spelling of the catalogue and of application types, in catalogue order.
    private static let spellings: [Spelling] = {
        var result: [Spelling] = []
        let types = CredentialType.catalogue + [.application("application")]
        for field in types.flatMap(\.shapes).flatMap(\.fields) {
            let secret = field.isSecret
            for key in field.spellings {
                if let index = result.firstIndex(where: { $0.key == key }) {
                    result[index].secretSomewhere = result[index].secretSomewhere || secret
                    result[index].plainSomewhere = result[index].plainSomewhere || !secret
                } else {
                    result.append(Spelling(key: key, secretSomewhere: secret, plainSomewhere: !secret))
                }
            }
        }
        return result
    }()

    /// The option specs, in catalogue order.
    static let specs: [OptionSpec] = spellings.flatMap { spelling -> [OptionSpec] in
        var specs: [OptionSpec] = []
        if spelling.plainSomewhere {
            specs.append(.value(spelling.option, "VALUE", help: "field `\(spelling.key)`"))
        }
        if spelling.secretSomewhere || documentKeys.contains(spelling.key) {
            specs.append(
                .value(
                    "\(spelling.option)-file",
                    "PATH",
                    help: "field `\(spelling.key)` from PATH (- for standard input)"
                )
            )
        }
        if !spelling.plainSomewhere {
            specs.append(.value(spelling.option, "VALUE", help: "refused: secrets come from --\(spelling.option)-file"))
        }
        return specs
    }

    /// The inputs the command line gives for `type`.
    ///
    /// - Throws: ``UsageError`` for a field the type does not read, a secret given as a value,
    ///   or standard input named twice.
    static func inputs(from arguments: ParsedArguments, type: CredentialType) throws -> [Input] {
        var inputs: [Input] = []
        for spelling in spellings {
            let value = arguments.value(spelling.option)
            let file = arguments.value("\(spelling.option)-file")
            guard value != nil || file != nil else {
                continue
            }

            let field = try field(spelling, of: type)
            if value != nil, field.isSecret {
                throw refusedValue(spelling.option)
            }
            guard value == nil || file == nil else {
                throw UsageError("give --\(spelling.option) or --\(spelling.option)-file, not both")
            }
            inputs.append(Input(key: spelling.key, value: value, file: file))
        }

        guard inputs.count(where: { $0.file == "-" }) <= 1 else {
            throw UsageError("standard input (-) can feed one field only; put the other values in files")
        }
        return inputs
    }

    private static func field(_ spelling: Spelling, of type: CredentialType) throws -> CredentialField {
        guard let field = type.shapes.flatMap(\.fields).first(where: { $0.spellings.contains(spelling.key) }) else {
            let keys = SecretMaker(type: type.name).keys.joined(separator: ", ")
            throw UsageError("--\(spelling.option) is not a field of type \(type.name) (its fields: \(keys))")
        }
        return field
    }

    private static func refusedValue(_ option: String) -> UsageError {
        UsageError(
            "--\(option) does not take the secret on the command line: other users can read command lines "
                + "in the process list, and shells keep them in their history. Put it in a file and give "
                + "--\(option)-file FILE, or --\(option)-file - to pipe or type it on standard input"
        )
    }

    /// The values of `inputs`: files read, one final line break left out of one-line files.
    static func read(_ inputs: [Input], context: CommandContext) async throws -> [String: Secret] {
        var fields: [String: Secret] = [:]
        for input in inputs {
            if let value = input.value {
                fields[input.key] = Secret(value)
                continue
            }
            guard let file = input.file else {
                continue
            }

            let data = try await SecretCommand.read(file, context: context)
            guard let text = String(validating: data, as: UTF8.self) else {
                throw UsageError("'\(file)' (for --\(input.key)-file) is not UTF-8 text")
            }
            fields[input.key] = Secret(oneLine(text, file: file, context: context))
        }
        return fields
    }

    /// `text` without the single line break that ends a one-line file.
    private static func oneLine(_ text: String, file: String, context: CommandContext) -> String {
        var bytes = Array(text.utf8)
        guard bytes.last == 0x0A else {
            return text
        }

        bytes.removeLast()
        if bytes.last == 0x0D {
            bytes.removeLast()
        }
        guard !bytes.contains(0x0A), !bytes.contains(0x0D) else {
            return text
        }

        let name = file == "-" ? "standard input" : file
        context.console.err("midkv secret make: left out the line break at the end of \(name)")
        return String(decoding: bytes, as: UTF8.self)
    }
}
