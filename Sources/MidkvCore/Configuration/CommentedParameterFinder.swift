/// Finds `<parameter …>` declarations inside the text of one XML comment.
///
/// Comment text follows no grammar, so the finder reads attributes loosely: names up to `=`,
/// values in either quote (or bare up to white space), and it stops at `>` or the comment's
/// end. Values are never kept, only whether one is present and how it is written.
struct CommentedParameterFinder {
    let bytes: [UInt8]
    let range: Range<Int>
    let firstLine: Int

    private static let tag = "<parameter"

    /// The declarations in document order.
    func parameters() -> [MIDConfigFile.CommentedParameter] {
        var found: [MIDConfigFile.CommentedParameter] = []
        var cursor = range.lowerBound
        while let start = ASCII.find(bytes, Self.tag, from: cursor, before: range.upperBound) {
            let afterName = start + Self.tag.utf8.count
            cursor = afterName
            guard afterName == range.upperBound || endsTagName(bytes[afterName]) else {
                continue
            }

            let attributes = readAttributes(from: afterName)
            let line = firstLine + ASCII.lineBreaks(in: bytes, range.lowerBound..<start)
            found.append(MIDConfigFile.CommentedParameter(attributes: attributes, line: line))
        }
        return found
    }

    private func endsTagName(_ byte: UInt8) -> Bool {
        ASCII.isSpace(byte) || byte == ASCII.slash || byte == ASCII.greaterThan
    }

    private func readAttributes(from start: Int) -> [String: String] {
        var attributes: [String: String] = [:]
        var cursor = start
        while let (name, value, next) = readAttribute(at: cursor) {
            attributes[name] = attributes[name] ?? value
            cursor = next
        }
        return attributes
    }

    private func readAttribute(at start: Int) -> (String, String, Int)? {
        var cursor = skipSpace(from: start)
        guard cursor < range.upperBound, !endsTag(bytes[cursor]) else {
            return nil
        }

        let nameStart = cursor
        while cursor < range.upperBound, !ASCII.isSpace(bytes[cursor]), !endsTag(bytes[cursor]),
            bytes[cursor] != ASCII.equals
        {
            cursor += 1
        }
        let name = text(nameStart..<cursor)

        cursor = skipSpace(from: cursor)
        guard cursor < range.upperBound, bytes[cursor] == ASCII.equals else {
            return cursor > nameStart ? (name, "", cursor) : nil
        }

        let (value, next) = readValue(from: skipSpace(from: cursor + 1))
        return (name, ASCII.decodeEntities(value), next)
    }

    private func readValue(from start: Int) -> (String, Int) {
        guard start < range.upperBound else {
            return ("", start)
        }

        let quote = bytes[start]
        if quote == ASCII.quote || quote == ASCII.apostrophe {
            let close = ASCII.find(bytes, String(UnicodeScalar(quote)), from: start + 1, before: range.upperBound)
            let end = close ?? range.upperBound
            return (text(start + 1..<end), min(end + 1, range.upperBound))
        }

        var end = start
        while end < range.upperBound, !ASCII.isSpace(bytes[end]), !endsTag(bytes[end]) {
            end += 1
        }
        return (text(start..<end), end)
    }

    private func endsTag(_ byte: UInt8) -> Bool {
        byte == ASCII.greaterThan || byte == ASCII.slash || byte == ASCII.lessThan
    }

    private func skipSpace(from start: Int) -> Int {
        var cursor = start
        while cursor < range.upperBound, ASCII.isSpace(bytes[cursor]) {
            cursor += 1
        }
        return cursor
    }

    private func text(_ span: Range<Int>) -> String {
        String(decoding: bytes[span], as: UTF8.self)
    }
}
