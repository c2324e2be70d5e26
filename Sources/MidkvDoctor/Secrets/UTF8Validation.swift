/// Finds byte sequences that are not well-formed UTF-8 (Unicode table 3-7): stray continuation
/// bytes, truncated sequences, overlong forms, surrogates, values past U+10FFFF.
enum UTF8Validation {
    /// The offsets of the ill-formed sequences, or `nil` when `bytes` are UTF-8.
    static func invalidSequences(in bytes: [UInt8]) -> [Int]? {
        guard bytes.contains(where: { $0 >= 0x80 }) else {
            return nil
        }

        var offsets: [Int] = []
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(at: index, in: bytes)
            if length == 0 {
                offsets.append(index)
                index += 1
            } else {
                index += length
            }
        }
        return offsets.isEmpty ? nil : offsets
    }

    /// The length of the well-formed sequence at `index`, or 0.
    private static func sequenceLength(at index: Int, in bytes: [UInt8]) -> Int {
        let lead = bytes[index]
        let (length, second): (Int, ClosedRange<UInt8>) =
            switch lead {
            case 0x00...0x7F: (1, 0x80...0xBF)
            case 0xC2...0xDF: (2, 0x80...0xBF)
            case 0xE0: (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
            case 0xED: (3, 0x80...0x9F)
            case 0xF0: (4, 0x90...0xBF)
            case 0xF1...0xF3: (4, 0x80...0xBF)
            case 0xF4: (4, 0x80...0x8F)
            default: (0, 0x80...0xBF)
            }
        guard length > 1 else {
            return length
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else {
            return 0
        }

        let rest = bytes[(index + 2)..<(index + length)]
        return rest.allSatisfy { (0x80...0xBF).contains($0) } ? length : 0
    }
}
