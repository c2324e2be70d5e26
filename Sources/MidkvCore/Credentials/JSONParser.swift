import MidkvSupport

/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Strings are decoded exactly (escapes resolved, nothing trimmed or normalised) and kept as
/// ``Secret``. Duplicate keys are rejected, since different JSON readers keep different ones.
struct JSONParser {
    /// How deep arrays and objects may nest.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// Parses one JSON value filling the whole text, whitespace around it allowed.
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(text)
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw JSONSyntaxError(offset: 0, reason: .byteOrderMark)
        }

        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else {
            throw JSONSyntaxError(offset: parser.index, reason: .trailingContent)
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else {
            throw failure(.unexpectedEnd(expected: "a value"))
        }

        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(Secret(try parseString()))
        case UInt8(ascii: "t"): return try parseLiteral("true", as: .boolean)
        case UInt8(ascii: "f"): return try parseLiteral("false", as: .boolean)
        case UInt8(ascii: "n"): return try parseLiteral("null", as: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "'"): throw failure(.singleQuote)
        default: throw failure(.unexpected(expected: "a value (object, array, string, number, true, false or null)"))
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [JSONMember] = []
        var seen: Set<String> = []

        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }

        while true {
            let (key, keyOffset) = try parseKey()
            guard seen.insert(key).inserted else {
                throw JSONSyntaxError(offset: keyOffset, reason: .duplicateKey(key))
            }

            try expect(":", description: "`:` after the key")
            skipWhitespace()
            members.append(JSONMember(key: key, value: try parseValue()))

            skipWhitespace()
            if try endOfContainer(closing: "}", description: "`,` or `}` after a value") {
                depth -= 1
                return .object(members)
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []

        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }

        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            if try endOfContainer(closing: "]", description: "`,` or `]` after a value") {
                depth -= 1
                return .array(elements)
            }
        }
    }

    private mutating func parseKey() throws(JSONSyntaxError) -> (String, Int) {
        skipWhitespace()
        let offset = index
        switch peek() {
        case UInt8(ascii: "\""): return (try parseString(), offset)
        case UInt8(ascii: "'"): throw failure(.singleQuote)
        case nil: throw failure(.unexpectedEnd(expected: "a key in double quotes"))
        default: throw failure(.unexpected(expected: "a key in double quotes"))
        }
    }

    /// Consumes `,` (returns `false`) or the closing bracket (returns `true`).
    private mutating func endOfContainer(closing: Character, description: String) throws(JSONSyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            index += 1
            return false
        case closing.asciiValue:
            index += 1
            return true
        case nil:
            throw failure(.unexpectedEnd(expected: description))
        default:
            throw failure(.unexpected(expected: description))
        }
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw failure(.tooDeep(limit: Self.maximumDepth))
        }
    }

    private mutating func parseLiteral(_ word: String, as value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else {
            throw failure(.unexpected(expected: "a value (object, array, string, number, true, false or null)"))
        }
        index += expected.count
        return value
    }

    // MARK: - Cursor

    private mutating func expect(_ character: Character, description: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard let byte = peek() else {
            throw failure(.unexpectedEnd(expected: description))
        }
        guard byte == character.asciiValue else {
            throw failure(.unexpected(expected: description))
        }
        index += 1
    }

    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    mutating func advance(by count: Int = 1) {
        index += count
    }

    var position: Int {
        index
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), [0x20, 0x09, 0x0A, 0x0D].contains(byte) {
            index += 1
        }
    }

    func failure(_ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, reason: reason)
    }
}
