/// Characters that slip into secrets when values are pasted from documents, chat or web pages,
/// and that nobody sees: invisible format characters, unusual spaces, typographic quotes and
/// dashes, letters of other scripts drawn like Latin ones.
enum SuspiciousCharacter {
    /// Why a character is suspicious.
    enum Kind: Sendable, Equatable {
        /// Draws nothing: zero-width space and joiners, a byte-order mark, direction marks.
        case invisible
        /// A control character other than tab, line feed and carriage return.
        case control
        /// A space that is not U+0020: no-break, narrow, ideographic and the like.
        case unusualSpace
        /// A typographic quote or prime.
        case smartQuote
        /// A dash or minus sign that is not the hyphen-minus `-`.
        case dash
        /// A letter from another script, or a full-width form, that looks like ASCII.
        case lookAlike

        /// A few words for messages.
        var phrase: String {
            switch self {
            case .invisible: "an invisible character"
            case .control: "a control character"
            case .unusualSpace: "a non-breaking or other non-ASCII space"
            case .smartQuote: "a typographic quote"
            case .dash: "a dash that is not `-`"
            case .lookAlike: "a character that looks like an ASCII one"
            }
        }
    }

    /// Why `scalar` is suspicious, or `nil` for an ordinary character.
    static func kind(of scalar: Unicode.Scalar) -> Kind? {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F {
            return nil
        }
        if value < 0x20 {
            return value == 0x09 || value == 0x0A || value == 0x0D ? nil : .control
        }
        if value < 0xA0 {
            return .control
        }
        return nonASCIIKind(of: value)
    }

    /// `U+200B ZERO WIDTH SPACE`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let name = scalar.properties.name ?? scalar.properties.nameAlias ?? "control character"
        return "\(codePoint(scalar)) \(name)"
    }

    /// `U+200B`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func nonASCIIKind(of value: UInt32) -> Kind? {
        switch value {
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return .unusualSpace
        case 0xAD, 0x034F, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFE00...0xFE0F,
            0xFEFF, 0xE0000...0xE007F:
            return .invisible
        case 0xAB, 0xBB, 0x2018...0x201F, 0x2032...0x2037, 0x2039, 0x203A, 0xFF02, 0xFF07:
            return .smartQuote
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D:
            return .dash
        case 0xFF01...0xFF5E:
            return .lookAlike
        default:
            return lookAlikeLetters.contains(value) ? .lookAlike : nil
        }
    }

    /// Cyrillic and Greek letters whose usual glyphs match Latin letters.
    private static let lookAlikeLetters: Set<UInt32> = [
        // Cyrillic: а е о р с у х і ј ѕ һ ԁ, А В Е К М Н О Р С Т Х Ѕ І Ј
        0x0430, 0x0435, 0x043E, 0x0440, 0x0441, 0x0443, 0x0445, 0x0456, 0x0458, 0x0455, 0x04BB, 0x0501,
        0x0410, 0x0412, 0x0415, 0x041A, 0x041C, 0x041D, 0x041E, 0x0420, 0x0421, 0x0422, 0x0425, 0x0405,
        0x0406, 0x0408,
        // Greek: ο ν α, Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ
        0x03BF, 0x03BD, 0x03B1, 0x0391, 0x0392, 0x0395, 0x0396, 0x0397, 0x0399, 0x039A, 0x039C, 0x039D,
        0x039F, 0x03A1, 0x03A4, 0x03A5, 0x03A7,
    ]
}
