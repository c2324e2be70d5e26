/// Splits a `WWW-Authenticate` value into challenges and their `name=value` parameters.
enum ChallengeParser {
    /// The parameters of the Bearer challenge in `header`, lower-cased names; `nil` if none.
    static func bearerParameters(in header: String) -> [String: String]? {
        var scanner = Scanner(Array(header))
        var current: String?
        var found: [String: String]?

        while let word = scanner.token() {
            if scanner.consume("=") {
                let value = scanner.value()
                if current == "bearer", found?[word.lowercased()] == nil {
                    found?[word.lowercased()] = value
                }
            } else {
                current = word.lowercased()
                if current == "bearer", found == nil {
                    found = [:]
                }
            }
            _ = scanner.consume(",")
        }
        return found
    }

    /// A cursor over the characters of a header value.
    private struct Scanner {
        private let characters: [Character]
        private var index = 0

        init(_ characters: [Character]) {
            self.characters = characters
        }

        /// Skips separators and stray delimiters, then reads a run of token characters; `nil` at
        /// the end.
        mutating func token() -> String? {
            while index < characters.count {
                skipSeparators()
                let start = index
                while index < characters.count, !isDelimiter(characters[index]) {
                    index += 1
                }
                if index > start {
                    return String(characters[start..<index])
                }
                index = min(index + 1, characters.count)
            }
            return nil
        }

        /// Consumes `character` after optional blanks, if it is next.
        mutating func consume(_ character: Character) -> Bool {
            skipBlanks()
            guard index < characters.count, characters[index] == character else {
                return false
            }
            index += 1
            return true
        }

        /// Reads a quoted string (with backslash escapes) or a bare token.
        mutating func value() -> String {
            skipBlanks()
            guard index < characters.count, characters[index] == "\"" else {
                return token() ?? ""
            }

            index += 1
            var text = ""
            while index < characters.count, characters[index] != "\"" {
                if characters[index] == "\\", index + 1 < characters.count {
                    index += 1
                }
                text.append(characters[index])
                index += 1
            }
            index = min(index + 1, characters.count)
            return text
        }

        private mutating func skipBlanks() {
            while index < characters.count, characters[index] == " " || characters[index] == "\t" {
                index += 1
            }
        }

        private mutating func skipSeparators() {
            while index < characters.count,
                characters[index] == " " || characters[index] == "\t" || characters[index] == ","
            {
                index += 1
            }
        }

        private func isDelimiter(_ character: Character) -> Bool {
            character == " " || character == "\t" || character == "," || character == "=" || character == "\""
        }
    }
}
