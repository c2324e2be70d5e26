/// Byte-level helpers for scanning XML text whose markup is ASCII.
enum ASCII {
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")
    static let equals = UInt8(ascii: "=")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Whether `byte` is XML white space.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == lineFeed || byte == carriageReturn
    }

    /// Whether `byte` can start an element name (letters, `_`, `:` and any non-ASCII byte).
    static func isNameStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): true
        case UInt8(ascii: "_"), UInt8(ascii: ":"): true
        default: byte >= 0x80
        }
    }

    /// Counts line breaks in `span`: LF, CR LF, or a lone CR, as XML normalises them.
    static func lineBreaks(in bytes: [UInt8], _ span: Range<Int>) -> Int {
        var count = 0
        for position in span {
            let byte = bytes[position]
            if byte == lineFeed {
                count += 1
            } else if byte == carriageReturn, position + 1 >= bytes.count || bytes[position + 1] != lineFeed {
                count += 1
            }
        }
        return count
    }

    /// Whether `literal` occurs in `bytes` at `position`.
    static func matches(_ bytes: [UInt8], at position: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard position >= 0, position + pattern.count <= bytes.count else {
            return false
        }
        return bytes[position..<position + pattern.count].elementsEqual(pattern)
    }

    /// The first position at or after `start`, and before `end`, where `literal` begins.
    static func find(_ bytes: [UInt8], _ literal: String, from start: Int, before end: Int) -> Int? {
        let pattern = Array(literal.utf8)
        guard !pattern.isEmpty, start + pattern.count <= end else {
            return nil
        }

        for position in start...(end - pattern.count) where bytes[position] == pattern[0] {
            if bytes[position..<position + pattern.count].elementsEqual(pattern) {
                return position
            }
        }
        return nil
    }

    /// Replaces the predefined entities and numeric character references in `text`.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else {
            return text
        }

        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let tail = rest[ampersand...]
            guard let semicolon = tail.firstIndex(of: ";"),
                let decoded = entity(tail[tail.index(after: ampersand)..<semicolon])
            else {
                output.append("&")
                rest = tail.dropFirst()
                continue
            }
            output.append(decoded)
            rest = tail[tail.index(after: semicolon)...]
        }
        return output + rest
    }

    private static func entity(_ name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }

        let number: UInt32?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            number = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
            number = UInt32(name.dropFirst(), radix: 10)
        } else {
            number = nil
        }
        return number.flatMap(Unicode.Scalar.init).map(Character.init)
    }
}
