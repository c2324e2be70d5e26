/// Escapes raw line breaks and tabs inside JSON strings: the commonest reason a value with a
/// pasted PEM key is not JSON.
enum RawLineBreaks {
    /// `text` with each raw LF, CR and tab inside a string written as an escape, and how many
    /// were; `nil` when there were none.
    static func escaped(_ text: [UInt8]) -> (text: [UInt8], count: Int)? {
        var result: [UInt8] = []
        result.reserveCapacity(text.count + 64)
        var inString = false
        var escaping = false
        var count = 0

        for byte in text {
            if inString, let escape = escape(byte) {
                result += [UInt8(ascii: "\\"), escape]
                count += 1
                escaping = false
                continue
            }

            result.append(byte)
            if escaping {
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = inString
            } else if byte == UInt8(ascii: "\"") {
                inString.toggle()
            }
        }
        return count > 0 ? (result, count) : nil
    }

    private static func escape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        default: nil
        }
    }
}
