/// Reads the lines between a PEM header and footer: encapsulated headers, then base64.
struct PEMBodyReader {
    /// Invalid characters kept with their positions; the rest are only counted.
    static let keptInvalidCharacters = 5

    let value: [UInt8]
    let range: Range<Int>

    func read(into reading: inout PEMReading) {
        var state = State()
        var lineStart = range.lowerBound
        for index in range where value[index] == 0x0A {
            readLine(lineStart..<index, state: &state, into: &reading)
            reading.bodyLineBreaks += 1
            lineStart = index + 1
        }
        readLine(lineStart..<range.upperBound, state: &state, into: &reading)

        let pad = UInt8(ascii: "=")
        if let first = reading.base64.firstIndex(of: pad), reading.base64[first...].contains(where: { $0 != pad }) {
            reading.misplacedPadding = true
        }

        if reading.spacesInBody > 0, reading.lineLengths.count <= 1, reading.base64.count > reading.lineWidth {
            reading.flattening.append("line breaks were replaced by spaces")
        }
    }

    /// Where the reader is: before the headers, inside them, or in the base64 lines.
    private struct State {
        var inHeaders = false
        var inBody = false
    }

    private func readLine(_ line: Range<Int>, state: inout State, into reading: inout PEMReading) {
        let content = trimmed(line)
        guard !content.isEmpty else {
            state.inHeaders = false
            return
        }

        let indented = value[line.lowerBound] == 0x20 || value[line.lowerBound] == 0x09
        if !state.inBody, readHeader(content, indented: indented, state: &state, into: &reading) {
            return
        }
        state.inBody = true
        readBase64(content, into: &reading)
    }

    /// Takes `content` as an encapsulated header or its continuation; `false` when it is not one.
    private func readHeader(
        _ content: Range<Int>,
        indented: Bool,
        state: inout State,
        into reading: inout PEMReading
    ) -> Bool {
        let text = String(decoding: value[content], as: UTF8.self)
        if state.inHeaders, indented, let last = reading.headers.indices.last {
            reading.headers[last] += text
            return true
        }
        guard text.contains(":"), reading.headers.isEmpty || state.inHeaders else {
            return false
        }

        state.inHeaders = true
        reading.headers.append(text)
        return true
    }

    private func readBase64(_ content: Range<Int>, into reading: inout PEMReading) {
        let before = reading.base64.count
        var index = content.lowerBound
        while index < content.upperBound {
            let byte = value[index]
            if Self.isBase64(byte) || byte == UInt8(ascii: "=") {
                reading.base64.append(byte)
            } else if byte == 0x20 || byte == 0x09 {
                reading.spacesInBody += 1
            } else {
                noteInvalid(at: index, into: &reading)
            }
            index += byte < 0x80 ? 1 : Self.sequenceLength(byte)
        }

        reading.lineLengths.append(reading.base64.count - before)
    }

    private func noteInvalid(at index: Int, into reading: inout PEMReading) {
        reading.invalidCharacterCount += 1
        guard reading.invalidCharacters.count < Self.keptInvalidCharacters else {
            return
        }

        let end = min(value.count, index + Self.sequenceLength(value[index]))
        let scalar = String(decoding: value[index..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        reading.invalidCharacters.append(PEMReading.InvalidCharacter(offset: index, scalar: scalar))
    }

    /// `line` without a trailing CR and without spaces or tabs at either end.
    private func trimmed(_ line: Range<Int>) -> Range<Int> {
        var lower = line.lowerBound
        var upper = line.upperBound
        while upper > lower, Self.isBlank(value[upper - 1]) {
            upper -= 1
        }
        while lower < upper, Self.isBlank(value[lower]) {
            lower += 1
        }
        return lower..<upper
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    static func isBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }
}
