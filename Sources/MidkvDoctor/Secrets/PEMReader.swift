/// Reads the structure of a PEM text: header and footer lines, encapsulated headers, the base64
/// body and its lines.
enum PEMReader {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)

    /// Reads `value`, the decoded text of a key field.
    static func read(_ value: [UInt8]) -> PEMReading {
        var reading = PEMReading()
        guard let headerStart = find(begin, in: value, from: 0) else {
            readWithoutHeader(value, into: &reading)
            return reading
        }

        reading.hasHeader = true
        let labelStart = headerStart + begin.count
        guard let labelEnd = find(dashes, in: value, from: labelStart), !hasLineBreak(value[labelStart..<labelEnd])
        else {
            return reading
        }

        reading.headerComplete = true
        reading.label = String(decoding: value[labelStart..<labelEnd], as: UTF8.self)
        let bodyStart = labelEnd + dashes.count
        let footerStart = find(end, in: value, from: bodyStart)
        if let footerStart {
            readFooter(value, at: footerStart, into: &reading)
        }

        checkLayout(value, headerStart: headerStart, bodyStart: bodyStart, footerStart: footerStart, into: &reading)
        PEMBodyReader(value: value, range: bodyStart..<(footerStart ?? value.count)).read(into: &reading)
        return reading
    }

    private static func readWithoutHeader(_ value: [UInt8], into reading: inout PEMReading) {
        if let footerStart = find(end, in: value, from: 0) {
            readFooter(value, at: footerStart, into: &reading)
        }

        let text = value.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        reading.isPuTTYKey = text.starts(with: Array("PuTTY-User-Key-File-".utf8))
        reading.isOpenSSHPublicKey = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"].contains {
            text.starts(with: Array($0.utf8))
        }
    }

    private static func readFooter(_ value: [UInt8], at start: Int, into reading: inout PEMReading) {
        reading.hasFooter = true
        let labelStart = start + end.count
        guard let labelEnd = find(dashes, in: value, from: labelStart), !hasLineBreak(value[labelStart..<labelEnd])
        else {
            return
        }
        reading.footerLabel = String(decoding: value[labelStart..<labelEnd], as: UTF8.self)
    }

    /// Notes each way the header, body and footer fail to sit on lines of their own.
    private static func checkLayout(
        _ value: [UInt8],
        headerStart: Int,
        bodyStart: Int,
        footerStart: Int?,
        into reading: inout PEMReading
    ) {
        let lineStart = value[..<headerStart].lastIndex { $0 == 0x0A || $0 == 0x0D }.map { $0 + 1 } ?? 0
        if value[lineStart..<headerStart].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
            reading.flattening.append("other text precedes the header on its line")
        }

        let afterHeader = value[bodyStart...].first { $0 != 0x20 && $0 != 0x09 }
        if let afterHeader, afterHeader != 0x0A, afterHeader != 0x0D, bodyStart != footerStart {
            reading.flattening.append("key text follows the header on the same line")
        }

        guard let footerStart else {
            return
        }
        let beforeFooter = value[bodyStart..<footerStart].last { $0 != 0x20 && $0 != 0x09 }
        if let beforeFooter, beforeFooter != 0x0A, beforeFooter != 0x0D {
            reading.flattening.append("the footer follows key text on the same line")
        }
    }

    /// The first index of `pattern` in `bytes` at or after `start`.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else {
            return nil
        }

        var index = start
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func hasLineBreak(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.contains { $0 == 0x0A || $0 == 0x0D }
    }
}
