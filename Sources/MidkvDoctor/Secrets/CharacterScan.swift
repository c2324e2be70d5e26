/// One pass over a JSON string's characters: the suspicious ones with where they first
/// appear, and the whitespace at its ends and inside.
struct CharacterScan {
    /// One suspicious character and where it appears.
    struct Occurrence: Sendable {
        var scalar: Unicode.Scalar
        var kind: SuspiciousCharacter.Kind
        var count: Int
        /// Where it is first written, in bytes of the text.
        var firstOffset: Int
        /// Its first position in the string, counting characters from 1.
        var firstPosition: Int
        /// Its last position in the string.
        var lastPosition: Int
    }

    /// The suspicious characters, in order of first appearance.
    private(set) var occurrences: [Occurrence] = []
    /// How many characters the string has.
    private(set) var length = 0
    /// Spaces, tabs and line breaks at the start.
    private(set) var leading: [Unicode.Scalar] = []
    /// Spaces, tabs and line breaks at the end.
    private(set) var trailing: [Unicode.Scalar] = []
    /// Line breaks between other characters.
    private(set) var interiorLineBreaks = 0
    /// Characters outside ASCII that are not suspicious: accented letters, other scripts.
    private(set) var otherNonASCII = 0

    private let span: JSONStringSpan
    private let bytes: [UInt8]

    /// Scans the string at `span` of `bytes`.
    init(span: JSONStringSpan, in bytes: [UInt8]) {
        self.span = span
        self.bytes = bytes
        var pending: [Unicode.Scalar] = []
        var walker = JSONStringDecoder.Scalars(span, in: bytes)
        while let next = walker.next() {
            let scalar = next.scalar
            length += 1
            if Self.isWhitespace(scalar) {
                if length == leading.count + 1 {
                    leading.append(scalar)
                } else {
                    pending.append(scalar)
                }
                continue
            }

            if !pending.isEmpty {
                interiorLineBreaks += pending.count { $0 == "\n" || $0 == "\r" }
                pending.removeAll(keepingCapacity: true)
            }
            if scalar.value >= 0x7F || scalar.value < 0x20 {
                note(scalar, at: next.offset)
            }
        }
        trailing = pending
    }

    /// Whether the string is only whitespace.
    var isBlank: Bool {
        leading.count == length
    }

    /// Whether spaces or line breaks surround the string.
    var hasEdgeWhitespace: Bool {
        !leading.isEmpty || !trailing.isEmpty
    }

    /// Whether the string ends in line breaks and nothing else after the last other character.
    var endsWithLineBreaksOnly: Bool {
        !trailing.isEmpty && trailing.allSatisfy { $0 == "\n" || $0 == "\r" }
    }

    /// `starts with 2 spaces and ends with a line break (CR LF)`.
    var edgeWhitespaceSummary: String {
        var parts: [String] = []
        if !leading.isEmpty {
            parts.append("starts with \(Self.describe(leading))")
        }
        if !trailing.isEmpty {
            parts.append("ends with \(Self.describe(trailing))")
        }
        return parts.joined(separator: " and ")
    }

    /// The string without suspicious characters and without surrounding whitespace.
    var cleaned: String {
        var scalars = String.UnicodeScalarView()
        var walker = JSONStringDecoder.Scalars(span, in: bytes)
        while let scalar = walker.next()?.scalar {
            if SuspiciousCharacter.kind(of: scalar) == nil {
                scalars.append(scalar)
            }
        }
        return String(scalars).trimmingWhitespace
    }

    private mutating func note(_ scalar: Unicode.Scalar, at offset: Int) {
        guard let kind = SuspiciousCharacter.kind(of: scalar) else {
            otherNonASCII += 1
            return
        }

        if let index = occurrences.firstIndex(where: { $0.scalar == scalar }) {
            occurrences[index].count += 1
            occurrences[index].lastPosition = length
        } else {
            let occurrence = Occurrence(
                scalar: scalar,
                kind: kind,
                count: 1,
                firstOffset: offset,
                firstPosition: length,
                lastPosition: length
            )
            occurrences.append(occurrence)
        }
    }

    /// `a line break (CR LF)`, `2 spaces`, `a tab and a line break (LF)`.
    static func describe(_ run: [Unicode.Scalar]) -> String {
        let spaces = run.count { $0 == " " }
        let tabs = run.count { $0 == "\t" }
        let breaks = run.filter { $0 == "\n" || $0 == "\r" }
        var parts: [String] = []
        if spaces > 0 {
            parts.append(spaces == 1 ? "a space" : "\(spaces) spaces")
        }
        if tabs > 0 {
            parts.append(tabs == 1 ? "a tab" : "\(tabs) tabs")
        }
        if !breaks.isEmpty {
            let names = breaks.map { $0 == "\n" ? "LF" : "CR" }.joined(separator: " ")
            let count = breaks.count - breaks.indices.dropFirst().count { breaks[$0] == "\n" && breaks[$0 - 1] == "\r" }
            parts.append("\(count == 1 ? "a line break" : "\(count) line breaks") (\(names))")
        }
        return parts.joined(separator: " and ")
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}

extension String {
    /// The string without spaces, tabs and line breaks at either end.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !CharacterScan.isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !CharacterScan.isWhitespace($0) })
        else {
            return ""
        }
        return String(scalars[first...last])
    }
}
