/// Builds a document in the Prometheus text exposition format, version 0.0.4.
struct PrometheusText {
    /// A metric family's type.
    enum Kind: String {
        case counter
        case gauge
        case histogram
    }

    /// The `Content-Type` of the format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private var lines: [String] = []

    /// Starts a family with its `# HELP` and `# TYPE` lines.
    mutating func family(_ name: String, _ kind: Kind, _ help: String) {
        lines.append("# HELP \(name) \(help)")
        lines.append("# TYPE \(name) \(kind.rawValue)")
    }

    /// Adds one sample; labels are written sorted by name.
    mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        guard !labels.isEmpty else {
            lines.append("\(name) \(Self.number(value))")
            return
        }

        let pairs = labels.keys.sorted().map { "\($0)=\"\(Self.escaped(labels[$0] ?? ""))\"" }
        lines.append("\(name){\(pairs.joined(separator: ","))} \(Self.number(value))")
    }

    /// The document, one line per entry, ending with a newline.
    var rendered: String {
        lines.joined(separator: "\n") + "\n"
    }

    /// A value as Prometheus writes it: whole numbers without a fraction.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }

    /// A label value with backslash, double quote and line feed escaped.
    private static func escaped(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
