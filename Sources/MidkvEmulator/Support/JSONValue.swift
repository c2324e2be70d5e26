import Foundation

/// A JSON document built in code, written with its keys in the order given.
///
/// Azure services write their keys in a fixed order; keeping that order makes the emulator's
/// bytes on the wire read like the recorded traffic. Numbers are integers only, which is all
/// these services send.
enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([Member])

    /// One key and its value inside an object.
    struct Member: Sendable, Equatable {
        var key: String
        var value: JSONValue
    }

    /// Builds an object from key/value pairs, dropping pairs whose value is `nil`.
    static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { pair in pair.value.map { Member(key: pair.key, value: $0) } })
    }

    /// An object of string values with keys in sorted order, as a tags map.
    static func stringMap(_ map: [String: String]) -> JSONValue {
        .object(map.keys.sorted().map { Member(key: $0, value: .string(map[$0] ?? "")) })
    }

    /// The compact serialized text.
    var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// The compact serialized text as UTF-8 bytes.
    var data: Data {
        Data(text.utf8)
    }

    private func write(to output: inout String) {
        switch self {
        case .string(let value):
            Self.writeString(value, to: &output)
        case .int(let value):
            output += String(value)
        case .bool(let value):
            output += value ? "true" : "false"
        case .null:
            output += "null"
        case .array(let items):
            writeArray(items, to: &output)
        case .object(let members):
            writeObject(members, to: &output)
        }
    }

    private func writeArray(_ items: [JSONValue], to output: inout String) {
        output += "["
        for (index, item) in items.enumerated() {
            output += index == 0 ? "" : ","
            item.write(to: &output)
        }
        output += "]"
    }

    private func writeObject(_ members: [Member], to output: inout String) {
        output += "{"
        for (index, member) in members.enumerated() {
            output += index == 0 ? "" : ","
            Self.writeString(member.key, to: &output)
            output += ":"
            member.value.write(to: &output)
        }
        output += "}"
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += String(format: "\\u%04x", scalar.value)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
