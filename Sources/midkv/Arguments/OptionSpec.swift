/// One command-line option a command accepts.
struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes: `config` for `--config`.
    var name: String
    /// A one-letter alias without the dash, if any: `o` for `-o`.
    var short: Character?
    /// The placeholder shown in help for the value, or `nil` for a flag that takes none.
    var valueName: String?
    /// Whether the option may be given more than once.
    var repeatable: Bool
    /// One line of help.
    var help: String

    /// An option that takes a value.
    static func value(
        _ name: String,
        _ valueName: String,
        short: Character? = nil,
        repeatable: Bool = false,
        help: String
    ) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: valueName, repeatable: repeatable, help: help)
    }

    /// An option that takes no value.
    static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: nil, repeatable: false, help: help)
    }

    /// Whether the option takes a value.
    var takesValue: Bool {
        valueName != nil
    }

    /// How the option is written in help: `--config PATH`.
    var synopsis: String {
        let long = "--\(name)"
        let withShort = short.map { "-\($0), \(long)" } ?? long
        guard let valueName else {
            return withShort
        }
        return "\(withShort) \(valueName)"
    }
}
