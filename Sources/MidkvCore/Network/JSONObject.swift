import Foundation

/// Read-only access to one JSON object from a service reply, tolerant of the ways Azure services
/// spell numbers (JSON numbers or decimal strings).
struct JSONObject {
    private let fields: [String: Any]

    /// Parses `data` as a JSON object; `nil` when it is not JSON or not an object.
    init?(data: Data) {
        guard !data.isEmpty,
            let parsed = try? JSONSerialization.jsonObject(with: data),
            let object = parsed as? [String: Any]
        else {
            return nil
        }
        self.fields = object
    }

    private init(fields: [String: Any]) {
        self.fields = fields
    }

    /// Whether `key` is present with any value other than `null`.
    func contains(_ key: String) -> Bool {
        guard let value = fields[key] else {
            return false
        }
        return !(value is NSNull)
    }

    /// The string at `key`, or `nil` when absent or not a string.
    func string(_ key: String) -> String? {
        fields[key] as? String
    }

    /// The number at `key`, given as a JSON number or as a decimal string.
    func number(_ key: String) -> Double? {
        Self.number(from: fields[key])
    }

    /// The Boolean at `key`.
    func bool(_ key: String) -> Bool? {
        if let flag = fields[key] as? Bool {
            return flag
        }
        return (fields[key] as? NSNumber)?.boolValue
    }

    /// The nested object at `key`.
    func object(_ key: String) -> JSONObject? {
        (fields[key] as? [String: Any]).map(JSONObject.init(fields:))
    }

    /// The array of objects at `key`, or an empty array.
    func objects(_ key: String) -> [JSONObject] {
        let items = fields[key] as? [Any] ?? []
        return items.compactMap { ($0 as? [String: Any]).map(JSONObject.init(fields:)) }
    }

    /// The integers in the array at `key`, skipping anything else.
    func integers(_ key: String) -> [Int] {
        let items = fields[key] as? [Any] ?? []
        return items.compactMap { Self.number(from: $0).map { Int($0) } }
    }

    /// The string-valued members of the object at `key`.
    func stringMap(_ key: String) -> [String: String] {
        let members = fields[key] as? [String: Any] ?? [:]
        return members.compactMapValues { $0 as? String }
    }

    /// The first string at `key`, whether the value is a string or an array of strings.
    func firstString(_ key: String) -> String? {
        if let text = fields[key] as? String {
            return text
        }
        return (fields[key] as? [Any])?.first as? String
    }

    private static func number(from value: Any?) -> Double? {
        switch value {
        case let number as NSNumber:
            number.doubleValue
        case let text as String:
            Double(text.trimmingCharacters(in: .whitespaces))
        default:
            nil
        }
    }
}
