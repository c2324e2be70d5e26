/// A command line split into positional arguments and options, checked against a command's specs.
struct ParsedArguments: Sendable, Equatable {
    /// Arguments that are not options, in order.
    var positionals: [String]
    /// Values by option name, in the order given.
    var values: [String: [String]]
    /// Options given without a value.
    var flags: Set<String>

    /// The last value given for `name`, or `nil`.
    func value(_ name: String) -> String? {
        values[name]?.last
    }

    /// Every value given for `name`, in order.
    func allValues(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// Whether the flag `name` was given.
    func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// Splits `arguments` according to `specs`.
    ///
    /// Accepts `--name value`, `--name=value`, `-x value`, and `--` to end options.
    /// - Throws: ``UsageError`` naming an unknown option (with the nearest known one), a missing
    ///   value, a value given to a flag, or an option repeated that may appear only once.
    static func parse(_ arguments: [String], specs: [OptionSpec]) throws -> ParsedArguments {
        var parsed = ParsedArguments(positionals: [], values: [:], flags: [])
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1

            if argument == "--" {
                parsed.positionals += arguments[index...]
                break
            }
            guard argument.hasPrefix("-"), argument.count > 1 else {
                parsed.positionals.append(argument)
                continue
            }

            let (spec, inlineValue) = try lookUp(argument, in: specs)
            guard spec.takesValue else {
                guard inlineValue == nil else {
                    throw UsageError("option --\(spec.name) takes no value")
                }
                parsed.flags.insert(spec.name)
                continue
            }

            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError("option --\(spec.name) needs a value (\(spec.valueName ?? "VALUE"))")
                }
                value = arguments[index]
                index += 1
            }
            if !spec.repeatable, parsed.values[spec.name] != nil {
                throw UsageError("option --\(spec.name) may be given only once")
            }
            parsed.values[spec.name, default: []].append(value)
        }
        return parsed
    }

    private static func lookUp(_ argument: String, in specs: [OptionSpec]) throws -> (OptionSpec, String?) {
        if argument.hasPrefix("--") {
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            guard let spec = specs.first(where: { $0.name == name }) else {
                throw UsageError.unknownOption("--\(name)", known: specs.map { "--\($0.name)" })
            }
            return (spec, inline)
        }

        let letter = argument.dropFirst().first
        guard argument.count == 2, let spec = specs.first(where: { $0.short != nil && $0.short == letter }) else {
            throw UsageError.unknownOption(argument, known: specs.map { "--\($0.name)" })
        }
        return (spec, nil)
    }
}
