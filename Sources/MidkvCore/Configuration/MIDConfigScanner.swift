/// A tolerant byte scanner over config.xml text.
///
/// XMLParser reports an element on the line where its start tag *ends*, and it hides what sits
/// inside comments. This scanner walks the raw bytes once and records the line on which every
/// start tag begins, in document order, plus every `<parameter …>` written inside a comment.
/// It never fails: malformed fragments are skipped.
struct MIDConfigScanner {
    /// What one pass over the text found.
    struct Result {
        /// The line of each start tag outside comments, CDATA and processing instructions.
        var startTagLines: [Int] = []
        /// The `<parameter …>` declarations found inside comments.
        var commentedParameters: [MIDConfigFile.CommentedParameter] = []
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var result = Result()

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Scans `bytes` and returns the start-tag lines and commented-out parameters.
    static func scan(_ bytes: [UInt8]) -> Result {
        var scanner = MIDConfigScanner(bytes)
        scanner.run()
        return scanner.result
    }

    private mutating func run() {
        while index < bytes.count {
            if bytes[index] == ASCII.lessThan {
                scanMarkup()
            } else {
                advance(to: index + 1)
            }
        }
    }

    private mutating func scanMarkup() {
        if matches("<!--") {
            scanComment()
        } else if matches("<![CDATA[") {
            skip(past: "]]>")
        } else if matches("<?") {
            skip(past: "?>")
        } else if matches("<!") {
            skipDeclaration()
        } else if index + 1 < bytes.count, ASCII.isNameStart(bytes[index + 1]) {
            result.startTagLines.append(line)
            skipTag()
        } else {
            advance(to: index + 1)
        }
    }

    private mutating func scanComment() {
        let bodyStart = index + 4
        let bodyEnd = find("-->", from: bodyStart) ?? bytes.count
        let finder = CommentedParameterFinder(bytes: bytes, range: bodyStart..<bodyEnd, firstLine: line)

        result.commentedParameters += finder.parameters()
        advance(to: min(bodyEnd + 3, bytes.count))
    }

    private mutating func skipTag() {
        var cursor = index + 1
        var quote: UInt8?
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if let open = quote {
                quote = byte == open ? nil : open
            } else if byte == ASCII.quote || byte == ASCII.apostrophe {
                quote = byte
            } else if byte == ASCII.greaterThan {
                break
            }
            cursor += 1
        }
        advance(to: min(cursor + 1, bytes.count))
    }

    private mutating func skipDeclaration() {
        let close = find(">", from: index) ?? bytes.count
        let bracket = find("[", from: index).flatMap { $0 < close ? $0 : nil }

        guard let bracket else {
            advance(to: min(close + 1, bytes.count))
            return
        }

        let subsetEnd = find("]", from: bracket) ?? bytes.count
        let end = find(">", from: subsetEnd) ?? bytes.count
        advance(to: min(end + 1, bytes.count))
    }

    private mutating func skip(past terminator: String) {
        let end = find(terminator, from: index) ?? bytes.count
        advance(to: min(end + terminator.utf8.count, bytes.count))
    }

    private mutating func advance(to target: Int) {
        line += ASCII.lineBreaks(in: bytes, index..<target)
        index = target
    }

    private func matches(_ literal: String) -> Bool {
        ASCII.matches(bytes, at: index, literal)
    }

    private func find(_ literal: String, from start: Int) -> Int? {
        ASCII.find(bytes, literal, from: start, before: bytes.count)
    }
}
