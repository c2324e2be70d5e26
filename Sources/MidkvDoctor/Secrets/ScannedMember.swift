/// The content of a JSON string between its quotes, as UTF-8 byte offsets into the text.
struct JSONStringSpan: Sendable, Equatable {
    /// The first byte after the opening quote.
    var start: Int
    /// The closing quote.
    var end: Int
    /// Whether the content holds a backslash escape.
    var hasEscapes: Bool
}

/// One `"key": value` pair of the top-level object, with where its parts sit in the text.
struct ScannedMember: Sendable {
    /// The JSON kind of a value.
    enum Kind: String, Sendable {
        case string
        case number
        case boolean
        case null
        case array
        case object
    }

    /// The decoded key.
    var key: String
    /// Where the key's characters are.
    var keySpan: JSONStringSpan
    /// The value's kind.
    var kind: Kind
    /// Where a string value's characters are; `nil` for other kinds.
    var valueSpan: JSONStringSpan?
    /// The value's raw text, quotes included.
    var valueRange: Range<Int>
}
