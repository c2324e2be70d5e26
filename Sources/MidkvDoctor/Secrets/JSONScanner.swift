/// Finds the members of a JSON object and where each key and string value sits.
///
/// The scanner runs after the resolver's own parser accepted the text, so it only has to
/// follow valid JSON; it returns `nil` rather than explaining anything else.
struct JSONScanner {
    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The members of the object that fills `bytes`, or `nil` when the text is not one.
    static func members(of bytes: [UInt8]) -> [ScannedMember]? {
        var scanner = JSONScanner(bytes: bytes)
        return scanner.object()
    }

    private mutating func object() -> [ScannedMember]? {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else {
            return nil
        }

        var members: [ScannedMember] = []
        skipWhitespace()
        if take(UInt8(ascii: "}")) {
            return members
        }

        while true {
            guard let member = member() else {
                return nil
            }
            members.append(member)

            skipWhitespace()
            if take(UInt8(ascii: ",")) {
                continue
            }
            return take(UInt8(ascii: "}")) ? members : nil
        }
    }

    private mutating func member() -> ScannedMember? {
        skipWhitespace()
        guard let keySpan = string() else {
            return nil
        }

        skipWhitespace()
        guard take(UInt8(ascii: ":")) else {
            return nil
        }

        skipWhitespace()
        let start = index
        guard let scanned = value() else {
            return nil
        }

        return ScannedMember(
            key: JSONStringDecoder.string(keySpan, in: bytes),
            keySpan: keySpan,
            kind: scanned.0,
            valueSpan: scanned.1,
            valueRange: start..<index
        )
    }

    /// Consumes a value; returns its kind, and its span when it is a string.
    private mutating func value() -> (ScannedMember.Kind, JSONStringSpan?)? {
        guard index < bytes.count else {
            return nil
        }

        switch bytes[index] {
        case UInt8(ascii: "\""):
            return string().map { (.string, $0) }
        case UInt8(ascii: "{"):
            return skipContainer() ? (.object, nil) : nil
        case UInt8(ascii: "["):
            return skipContainer() ? (.array, nil) : nil
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            skipWord()
            return (.boolean, nil)
        case UInt8(ascii: "n"):
            skipWord()
            return (.null, nil)
        default:
            skipWord()
            return (.number, nil)
        }
    }

    /// Consumes a string and returns its content span.
    private mutating func string() -> JSONStringSpan? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            return nil
        }

        index += 1
        let start = index
        var escapes = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                escapes = true
                index += 2
            case UInt8(ascii: "\""):
                index += 1
                return JSONStringSpan(start: start, end: index - 1, hasEscapes: escapes)
            default:
                index += 1
            }
        }
        return nil
    }

    private mutating func skipContainer() -> Bool {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard string() != nil else {
                    return false
                }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    index += 1
                    return true
                }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// Skips a literal or number: everything up to a delimiter.
    private mutating func skipWord() {
        while index < bytes.count, !Self.isDelimiter(bytes[index]) {
            index += 1
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else {
            return false
        }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, Self.isWhitespace(bytes[index]) {
            index += 1
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }
}
