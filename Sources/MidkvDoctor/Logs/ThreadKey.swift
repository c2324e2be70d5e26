/// Identifies the thread of a record from the bytes of its first line, without decoding it.
enum ThreadKey {
    /// The byte range of the thread name in a first line of layout `header`.
    static func range(in line: UnsafeBufferPointer<UInt8>, header: LogHeader) -> Range<Int>? {
        let start = header.length + 1
        guard start < line.count else {
            return nil
        }
        guard header == .iso else {
            let end = line[start...].firstIndex(of: UInt8(ascii: " ")) ?? line.count
            return start..<end
        }

        let level = line[start...].firstIndex(of: UInt8(ascii: " ")) ?? line.count
        guard level + 1 < line.count, line[level + 1] == UInt8(ascii: "(") else {
            return nil
        }
        let end = closingParenthesis(in: line, from: level + 2)
        return end.map { (level + 2)..<$0 }
    }

    /// A 64-bit FNV-1a hash of the thread name in a first line, or `nil` when there is none.
    static func hash(of line: UnsafeBufferPointer<UInt8>, header: LogHeader?) -> UInt64? {
        guard let header, let range = range(in: line, header: header) else {
            return nil
        }
        return line[range].reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The `)` that ends the thread: the one before ` [`, else the first.
    private static func closingParenthesis(in line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var first: Int?
        var index = start
        while index < line.count {
            if line[index] == UInt8(ascii: ")") {
                first = first ?? index
                if index + 2 < line.count, line[index + 1] == UInt8(ascii: " "), line[index + 2] == UInt8(ascii: "[") {
                    return index
                }
            }
            index += 1
        }
        return first
    }
}
