import Foundation

/// Where an effective setting came from.
///
/// Every key is resolved in one order: command-line flag, then environment variable, then
/// config.xml, then the built-in default. Some values are computed from another setting and
/// say so with ``derived(from:via:)``.
public indirect enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    /// A command-line flag, named with its dashes: `--vault-name`.
    case flag(String)
    /// An environment variable: `AZURE_CLIENT_SECRET`.
    case environment(String)
    /// A parameter of config.xml.
    case configFile(path: String, line: Int, parameter: String)
    /// The built-in default.
    case `default`
    /// Computed from the setting or input named `from`, which itself came from `via`.
    case derived(from: String, via: SettingSource)

    /// The flag, variable or parameter name the user would edit; `nil` for a default.
    public var inputName: String? {
        switch self {
        case .flag(let name), .environment(let name): name
        case .configFile(_, _, let parameter): parameter
        case .default: nil
        case .derived(_, let via): via.inputName
        }
    }

    /// Short text for tables: `flag --vault-name`, `environment AZURE_CLIENT_SECRET`,
    /// `config.xml line 12`, `default`, `derived from ext.cred.azure.endpoint_scope (default)`.
    public var description: String {
        switch self {
        case .flag(let name):
            "flag \(name)"
        case .environment(let name):
            "environment \(name)"
        case .configFile(let path, let line, _):
            "\(URL(fileURLWithPath: path).lastPathComponent) line \(line)"
        case .default:
            "default"
        case .derived(let from, let via):
            via.namesItself(from) ? "derived from \(via)" : "derived from \(from) (\(via))"
        }
    }

    /// Whether this source's own text already says `name`: a flag or variable of that name.
    private func namesItself(_ name: String) -> Bool {
        switch self {
        case .flag(let own), .environment(let own): own == name
        default: false
        }
    }

    /// A longer form for messages that names the parameter too:
    /// `ext.cred.azure.tenant_id in config.xml line 12`.
    public var detailedDescription: String {
        switch self {
        case .configFile(_, _, let parameter):
            "\(parameter) in \(description)"
        default:
            description
        }
    }
}
