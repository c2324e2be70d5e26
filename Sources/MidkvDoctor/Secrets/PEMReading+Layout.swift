/// Line layout of the body, and writing it again.
extension PEMReading {
    /// What is wrong with the lengths of the body's lines.
    enum LineProblem: Sendable, Equatable {
        /// Line `line` (1-based) is `length` characters where line 1 has `first`.
        case uneven(line: Int, length: Int, first: Int)
        /// The lines are `length` characters long, more than key tools write.
        case long(length: Int, lines: Int)
    }

    /// The first problem with the body's line lengths, for a body that is not flattened.
    var lineProblem: LineProblem? {
        guard flattening.isEmpty, let first = lineLengths.first else {
            return nil
        }

        let last = lineLengths.count - 1
        let uneven = lineLengths.indices.first { index in
            index < last ? lineLengths[index] != first : lineLengths[index] > first
        }
        if let uneven {
            return .uneven(line: uneven + 1, length: lineLengths[uneven], first: first)
        }
        return first > lineWidth ? .long(length: first, lines: lineLengths.count) : nil
    }

    /// Whether writing the block again would change its layout for the better.
    var needsRewrapping: Bool {
        !flattening.isEmpty || lineProblem != nil
    }

    /// Whether the block can be written again without guessing: one complete block whose
    /// labels agree, a valid base64 body that is not cut short, and no encapsulated headers
    /// whose line breaks were lost.
    var canRewrap: Bool {
        guard headerComplete, let label, hasFooter, footerLabel == label, isValidBase64 else {
            return false
        }
        guard headers.isEmpty || flattening.isEmpty else {
            return false
        }
        switch derLength {
        case .short, .notDER: return false
        default: return true
        }
    }

    /// The block written as key tools write it: header, encapsulated headers and a blank line,
    /// the body in lines of ``lineWidth``, the footer, each ending in LF.
    func rewrapped() -> [UInt8] {
        let label = label ?? ""
        var result = Array("-----BEGIN \(label)-----\n".utf8)
        for header in headers {
            result += Array(header.utf8) + [0x0A]
        }
        if !headers.isEmpty {
            result.append(0x0A)
        }

        var start = 0
        while start < base64.count {
            let end = min(start + lineWidth, base64.count)
            result += base64[start..<end]
            result.append(0x0A)
            start = end
        }
        return result + Array("-----END \(label)-----\n".utf8)
    }
}
