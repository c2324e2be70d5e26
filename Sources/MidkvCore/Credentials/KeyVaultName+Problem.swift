extension KeyVaultName {
    /// One naming rule a name breaks.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The name is empty.
        case empty
        /// Fewer characters than the kind allows.
        case tooShort(length: Int, minimum: Int)
        /// More characters than the kind allows.
        case tooLong(length: Int, maximum: Int)
        /// Characters other than ASCII letters, digits and hyphens, each listed once.
        case invalidCharacters([Character])
        /// A vault name that starts with a digit or hyphen.
        case mustStartWithLetter
        /// A vault name that ends with a hyphen.
        case mustEndWithLetterOrDigit
        /// A vault name with two hyphens in a row.
        case consecutiveHyphens

        public var description: String {
            switch self {
            case .empty:
                "is empty"
            case .tooShort(let length, let minimum):
                "has \(length) character\(length == 1 ? "" : "s"), fewer than the minimum of \(minimum)"
            case .tooLong(let length, let maximum):
                "has \(length) characters, more than the maximum of \(maximum)"
            case .invalidCharacters(let characters):
                "contains \(KeyVaultName.list(characters)), which Key Vault names do not allow "
                    + "(only letters, digits and `-`)"
            case .mustStartWithLetter:
                "does not start with a letter"
            case .mustEndWithLetterOrDigit:
                "ends with `-` instead of a letter or digit"
            case .consecutiveHyphens:
                "contains `--`"
            }
        }
    }

    /// Names one character so that a reader can see it, even when it is invisible or a look-alike:
    /// `` `_` ``, `space`, `tab`, `` `–` (U+2013 EN DASH) ``.
    public static func describe(_ character: Character) -> String {
        switch character {
        case " ": return "space"
        case "\t": return "tab"
        case "\n", "\r", "\r\n": return "line break"
        default: break
        }

        let scalars = character.unicodeScalars
        let codes = scalars.map { "U+" + hex($0.value) }.joined(separator: " ")
        if character.isASCII, scalars.allSatisfy({ $0.value >= 0x21 && $0.value < 0x7F }) {
            return "`\(character)`"
        }

        let name = scalars.first?.properties.name.map { " " + $0 } ?? ""
        let printable = scalars.allSatisfy { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }
        return printable ? "`\(character)` (\(codes)\(name))" : "\(codes)\(name)"
    }

    /// Joins character descriptions into "`_`", "`_` and `.`" or "`_`, `.` and space".
    static func list(_ characters: [Character]) -> String {
        let names = characters.map(describe)
        guard names.count > 1 else {
            return names.first ?? ""
        }
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
