/// Decodes the content of a JSON string in place, scalar by scalar, remembering where each
/// scalar was written in the text: an escape such as `\u200B` counts at its backslash.
///
/// The text has already been accepted by a strict parser, so every escape is complete and every
/// byte sequence is UTF-8.
enum JSONStringDecoder {
    /// Walks the scalars of one string, each with the byte offset where it is written.
    struct Scalars {
        private let bytes: [UInt8]
        private let end: Int
        private var index: Int

        init(_ span: JSONStringSpan, in bytes: [UInt8]) {
            self.bytes = bytes
            self.end = span.end
            self.index = span.start
        }

        /// The next scalar and its offset, or `nil` at the end of the string.
        mutating func next() -> (scalar: Unicode.Scalar, offset: Int)? {
            guard index < end else {
                return nil
            }

            let offset = index
            let byte = bytes[index]
            let value: UInt32
            if byte == UInt8(ascii: "\\") {
                (value, index) = JSONStringDecoder.escape(at: index, in: bytes)
            } else if byte < 0x80 {
                value = UInt32(byte)
                index += 1
            } else {
                (value, index) = JSONStringDecoder.multiByte(at: index, in: bytes)
            }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", offset)
        }
    }

    /// The decoded content of `span`.
    static func string(_ span: JSONStringSpan, in bytes: [UInt8]) -> String {
        guard span.hasEscapes else {
            return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
        }

        var scalars = String.UnicodeScalarView()
        var walker = Scalars(span, in: bytes)
        while let next = walker.next() {
            scalars.append(next.scalar)
        }
        return String(scalars)
    }

    /// The decoded content of `span` as UTF-8 bytes.
    static func utf8(_ span: JSONStringSpan, in bytes: [UInt8]) -> [UInt8] {
        guard span.hasEscapes else {
            return Array(bytes[span.start..<span.end])
        }

        var decoded: [UInt8] = []
        decoded.reserveCapacity(span.end - span.start)
        var walker = Scalars(span, in: bytes)
        while let scalar = walker.next()?.scalar {
            if scalar.isASCII {
                decoded.append(UInt8(scalar.value))
            } else {
                decoded.append(contentsOf: String(scalar).utf8)
            }
        }
        return decoded
    }

    /// Decodes the escape at `index`; returns the scalar value and the index after it.
    private static func escape(at index: Int, in bytes: [UInt8]) -> (UInt32, Int) {
        switch bytes[index + 1] {
        case UInt8(ascii: "n"): return (0x0A, index + 2)
        case UInt8(ascii: "r"): return (0x0D, index + 2)
        case UInt8(ascii: "t"): return (0x09, index + 2)
        case UInt8(ascii: "b"): return (0x08, index + 2)
        case UInt8(ascii: "f"): return (0x0C, index + 2)
        case UInt8(ascii: "u"): return unicodeEscape(at: index, in: bytes)
        case let other: return (UInt32(other), index + 2)
        }
    }

    private static func unicodeEscape(at index: Int, in bytes: [UInt8]) -> (UInt32, Int) {
        let first = hexQuad(at: index + 2, in: bytes)
        guard (0xD800...0xDBFF).contains(first), index + 11 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\") else {
            return (first, index + 6)
        }

        let second = hexQuad(at: index + 8, in: bytes)
        return (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), index + 12)
    }

    private static func hexQuad(at index: Int, in bytes: [UInt8]) -> UInt32 {
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            value = value << 4 | hexDigit(byte)
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        default: 0
        }
    }

    /// Decodes the UTF-8 sequence at `index`; returns the scalar value and the index after it.
    private static func multiByte(at index: Int, in bytes: [UInt8]) -> (UInt32, Int) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (value, index + length)
    }
}
