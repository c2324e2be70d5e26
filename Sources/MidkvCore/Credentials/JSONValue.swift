import MidkvSupport

/// A parsed JSON value whose strings stay wrapped as ``Secret``, so printing a parsed secret
/// never shows its content.
enum JSONValue: Sendable {
    case string(Secret)
    case number
    case boolean
    case null
    case array([JSONValue])
    case object([JSONMember])

    /// The JSON type's name, for messages: `string`, `number`, `boolean`, `null`, `array`, `object`.
    var kindName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .boolean: "boolean"
        case .null: "null"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The kind with an article: `a number`, `an array`.
    var kindWithArticle: String {
        switch self {
        case .array, .object: "an \(kindName)"
        default: "a \(kindName)"
        }
    }
}

/// One `"key": value` pair of a JSON object, in document order.
struct JSONMember: Sendable {
    let key: String
    let value: JSONValue
}
