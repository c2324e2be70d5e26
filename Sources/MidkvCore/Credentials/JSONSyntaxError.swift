/// Why a text is not JSON, and where: a byte offset into its UTF-8 form.
///
/// Reasons name the grammar, never the characters found, because the text may be a password.
struct JSONSyntaxError: Error, Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        /// The text ends where `expected` should follow.
        case unexpectedEnd(expected: String)
        /// Something other than `expected` follows.
        case unexpected(expected: String)
        /// A single quote where a string should start.
        case singleQuote
        /// A byte-order mark before the value.
        case byteOrderMark
        /// A raw line break (`true`) or other control character inside a string.
        case controlCharacter(isLineBreak: Bool)
        /// A backslash followed by a character that is not an escape.
        case invalidEscape
        /// `\u` not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape for half of a surrogate pair.
        case unpairedSurrogate
        /// A number that breaks the JSON number grammar.
        case invalidNumber
        /// The same key twice in one object.
        case duplicateKey(String)
        /// Objects and arrays nested deeper than the parser allows.
        case tooDeep(limit: Int)
        /// Text after the end of the value.
        case trailingContent
    }

    /// Where the problem is, in bytes from the start of the UTF-8 text.
    let offset: Int
    let reason: Reason

    /// A short statement of the problem.
    var summary: String {
        switch reason {
        case .unexpectedEnd(let expected): "the text ends where \(expected) should follow"
        case .unexpected(let expected): "expected \(expected)"
        case .singleQuote: "a single quote starts a string; JSON strings use double quotes"
        case .byteOrderMark: "it starts with a byte-order mark (U+FEFF)"
        case .controlCharacter(true): "a string contains a raw line break"
        case .controlCharacter(false): "a string contains a raw control character such as a tab"
        case .invalidEscape: "a backslash in a string is not followed by a valid escape"
        case .invalidUnicodeEscape: "a `\\u` escape lacks four hexadecimal digits"
        case .unpairedSurrogate: "a `\\u` escape holds half of a surrogate pair"
        case .invalidNumber: "a number is not written as JSON numbers are"
        case .duplicateKey(let key): "the key `\(key)` appears twice in one object"
        case .tooDeep(let limit): "arrays and objects are nested more than \(limit) levels deep"
        case .trailingContent: "more text follows the end of the JSON value"
        }
    }
}
