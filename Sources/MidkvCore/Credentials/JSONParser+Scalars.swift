/// Strings and numbers, byte by byte.
extension JSONParser {
    /// Parses a string starting at its opening quote and returns it exactly as encoded.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        advance()
        var decoded: [UInt8] = []

        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                decoded += try parseEscape()
            case 0x00..<0x20:
                throw failure(.controlCharacter(isLineBreak: byte == 0x0A || byte == 0x0D))
            default:
                decoded.append(byte)
                advance()
            }
        }
        throw failure(.unexpectedEnd(expected: "the closing `\"` of a string"))
    }

    /// Parses one escape sequence starting at its backslash and returns its UTF-8 bytes.
    private mutating func parseEscape() throws(JSONSyntaxError) -> [UInt8] {
        advance()
        guard let byte = peek() else {
            throw failure(.unexpectedEnd(expected: "an escape after `\\`"))
        }

        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            advance()
            return [replacement]
        }
        guard byte == UInt8(ascii: "u") else {
            throw failure(.invalidEscape)
        }
        return try parseUnicodeEscape()
    }

    /// Parses `uXXXX`, or a surrogate pair `uD83D\uDE00`, positioned at the `u`.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> [UInt8] {
        let start = position - 1
        let first = try hexQuad()
        var value = first

        if (0xD800...0xDBFF).contains(first) {
            guard byte(at: position) == UInt8(ascii: "\\"), byte(at: position + 1) == UInt8(ascii: "u") else {
                throw JSONSyntaxError(offset: start, reason: .unpairedSurrogate)
            }
            advance()
            let second = try hexQuad()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONSyntaxError(offset: start, reason: .unpairedSurrogate)
            }
            value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw JSONSyntaxError(offset: start, reason: .unpairedSurrogate)
        }

        guard let scalar = Unicode.Scalar(value) else {
            throw JSONSyntaxError(offset: start, reason: .invalidUnicodeEscape)
        }
        return Array(String(Character(scalar)).utf8)
    }

    /// Reads `u` and four hexadecimal digits.
    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        let start = position - 1
        advance()
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Character(UnicodeScalar(byte)).hexDigitValue else {
                throw JSONSyntaxError(offset: start, reason: .invalidUnicodeEscape)
            }
            value = value << 4 | UInt32(digit)
            advance()
        }
        return value
    }

    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if peek() == UInt8(ascii: "-") {
            advance()
        }

        if peek() == UInt8(ascii: "0") {
            advance()
        } else {
            try digits(from: start)
        }

        if peek() == UInt8(ascii: ".") {
            advance()
            try digits(from: start)
        }

        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            advance()
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                advance()
            }
            try digits(from: start)
        }
        return .number
    }

    /// Consumes one or more digits, or fails pointing at the number's start.
    private mutating func digits(from start: Int) throws(JSONSyntaxError) {
        var count = 0
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            advance()
            count += 1
        }
        guard count > 0 else {
            throw JSONSyntaxError(offset: start, reason: .invalidNumber)
        }
    }
}
