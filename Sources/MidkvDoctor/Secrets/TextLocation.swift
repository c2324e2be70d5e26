/// A 1-based line and column in a text, from a UTF-8 byte offset.
///
/// Lines break at LF, CRLF or a lone CR; columns count Unicode scalars, as editors do for text
/// without combining marks.
struct TextLocation: Sendable, Equatable {
    var line: Int
    var column: Int

    /// The location of `offset` in `bytes`.
    init(offset: Int, in bytes: [UInt8]) {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            let loneReturn = byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)
            if byte == 0x0A || loneReturn {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }

        self.line = line
        self.column = bytes[lineStart..<end].count { $0 & 0xC0 != 0x80 } + 1
    }
}
