/// Finds and undoes a second layer of JSON escaping in a key: line breaks that are still the two
/// characters `\n` after the JSON was decoded.
enum PEMEscapes {
    /// How many `\n` pairs `value` holds, when they stand for the key's line breaks: the text
    /// has PEM dashes and either no real line break or a `\n` right after a dash line.
    static func escapedLineBreaks(in value: [UInt8]) -> Int {
        var pairs = 0
        var nextToDashes = false
        for index in value.indices.dropLast() where value[index] == UInt8(ascii: "\\") {
            guard value[index + 1] == UInt8(ascii: "n") else {
                continue
            }
            pairs += 1
            if index > 0, value[index - 1] == UInt8(ascii: "-") {
                nextToDashes = true
            }
        }

        guard pairs > 0, PEMReader.find(Array("-----".utf8), in: value, from: 0) != nil else {
            return 0
        }
        return nextToDashes || !value.contains(0x0A) ? pairs : 0
    }

    /// `value` with one layer of JSON escapes undone: `\n`, `\r`, `\t`, `\/`, `\\` and `\"`.
    static func unescaped(_ value: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(value.count)
        var index = 0
        while index < value.count {
            let byte = value[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < value.count, let replacement = single(value[index + 1]) else {
                result.append(byte)
                index += 1
                continue
            }
            result.append(replacement)
            index += 2
        }
        return result
    }

    private static func single(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): escape
        default: nil
        }
    }
}
