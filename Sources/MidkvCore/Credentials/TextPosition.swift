/// A 1-based line and column within a text, computed from a UTF-8 byte offset.
///
/// Lines break at LF, CRLF or a lone CR. Columns count Unicode scalars, so a column matches
/// what an editor shows for text without combining marks.
struct TextPosition: Sendable, Equatable {
    let line: Int
    let column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(offset: Int, in text: String) {
        let bytes = Array(text.utf8.prefix(offset))
        var line = 1
        var lineStart = 0

        for (position, byte) in bytes.enumerated() {
            let lineFeed = byte == 0x0A
            let loneReturn = byte == 0x0D && (position + 1 >= bytes.count || bytes[position + 1] != 0x0A)
            if lineFeed || loneReturn {
                line += 1
                lineStart = position + 1
            }
        }

        let scalarsBefore = bytes[lineStart...].filter { $0 & 0xC0 != 0x80 }.count
        self.init(line: line, column: scalarsBefore + 1)
    }
}
