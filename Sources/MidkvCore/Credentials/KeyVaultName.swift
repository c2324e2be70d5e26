/// A vault or secret name checked against Key Vault's naming rules.
///
/// Vault names become DNS labels: 3 to 24 characters, ASCII letters, digits and hyphens, starting
/// with a letter, ending with a letter or digit, with no two hyphens in a row. Secret names are 1
/// to 127 ASCII letters, digits and hyphens. Both are compared without regard to case, so the
/// checks keep the case the user typed.
///
/// Checking never fails: it lists every rule the name breaks in ``problems`` and, when one can be
/// made, a corrected name in ``suggestion``.
///
/// ```swift
/// let name = KeyVaultName.secret("linux_root.ssh")
/// name.isValid      // false
/// name.suggestion   // "linux-root-ssh"
/// ```
public struct KeyVaultName: Sendable, Hashable, CustomStringConvertible {
    /// Which kind of Key Vault object the name is for.
    public enum Kind: String, Sendable, Hashable, CustomStringConvertible {
        /// A vault: the first label of `<name>.vault.azure.net`.
        case vault
        /// A secret inside a vault.
        case secret

        /// The allowed length, in characters.
        public var allowedLength: ClosedRange<Int> {
            switch self {
            case .vault: 3...24
            case .secret: 1...127
            }
        }

        public var description: String {
            rawValue
        }
    }

    /// The name as given.
    public let name: String
    /// What the name is for.
    public let kind: Kind
    /// Every rule the name breaks, in the order the rules are listed; empty when valid.
    public let problems: [Problem]
    /// A name that follows the rules and stays close to ``name``, or `nil` when the name is
    /// valid or nothing sensible can be derived from it.
    public let suggestion: String?

    /// Checks `name` against the rules for `kind`.
    public init(_ name: String, kind: Kind) {
        self.name = name
        self.kind = kind
        self.problems = Self.problems(in: name, kind: kind)
        self.suggestion = problems.isEmpty ? nil : Self.suggestedName(for: name, kind: kind)
    }

    /// Checks a vault name.
    public static func vault(_ name: String) -> KeyVaultName {
        KeyVaultName(name, kind: .vault)
    }

    /// Checks a secret name.
    public static func secret(_ name: String) -> KeyVaultName {
        KeyVaultName(name, kind: .secret)
    }

    /// Whether the name follows every rule.
    public var isValid: Bool {
        problems.isEmpty
    }

    /// The characters the rules forbid, each once, in order of first appearance.
    public var invalidCharacters: [Character] {
        for problem in problems {
            if case .invalidCharacters(let characters) = problem {
                return characters
            }
        }
        return []
    }

    /// The rules broken, joined into one sentence fragment, such as
    /// "contains `_` and `.`, which Key Vault names do not allow".
    public var problemSummary: String {
        problems.map(\.description).joined(separator: "; ")
    }

    /// A one-line statement of the rules for ``kind``.
    public var rules: String {
        Self.rules(for: kind)
    }

    /// A one-line statement of the naming rules for `kind`.
    public static func rules(for kind: Kind) -> String {
        switch kind {
        case .vault:
            "a vault name has 3 to 24 characters (letters, digits and hyphens), starts with a letter, "
                + "ends with a letter or digit and has no `--`"
        case .secret:
            "a secret name has 1 to 127 characters, each a letter, digit or hyphen"
        }
    }

    public var description: String {
        isValid ? "\(kind) name `\(name)`" : "\(kind) name `\(name)` (\(problemSummary))"
    }
}

extension KeyVaultName {
    /// Whether `character` is an ASCII letter, digit or hyphen.
    static func isAllowed(_ character: Character) -> Bool {
        character == "-" || isASCIIAlphanumeric(character)
    }

    static func isASCIIAlphanumeric(_ character: Character) -> Bool {
        guard character.isASCII, let scalar = character.unicodeScalars.first else {
            return false
        }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    static func isASCIILetter(_ character: Character) -> Bool {
        isASCIIAlphanumeric(character) && !character.isNumber
    }

    static func problems(in name: String, kind: Kind) -> [Problem] {
        guard !name.isEmpty else {
            return [.empty]
        }

        var problems: [Problem] = []
        let length = name.count
        if length < kind.allowedLength.lowerBound {
            problems.append(.tooShort(length: length, minimum: kind.allowedLength.lowerBound))
        }
        if length > kind.allowedLength.upperBound {
            problems.append(.tooLong(length: length, maximum: kind.allowedLength.upperBound))
        }

        let invalid = uniqueInvalidCharacters(in: name)
        if !invalid.isEmpty {
            problems.append(.invalidCharacters(invalid))
        }

        if kind == .vault {
            problems += vaultShapeProblems(in: name)
        }
        return problems
    }

    private static func uniqueInvalidCharacters(in name: String) -> [Character] {
        var seen: [Character] = []
        for character in name where !isAllowed(character) && !seen.contains(character) {
            seen.append(character)
        }
        return seen
    }

    private static func vaultShapeProblems(in name: String) -> [Problem] {
        var problems: [Problem] = []
        if let first = name.first, isAllowed(first), !isASCIILetter(first) {
            problems.append(.mustStartWithLetter)
        }
        if name.last == "-" {
            problems.append(.mustEndWithLetterOrDigit)
        }
        if name.contains("--") {
            problems.append(.consecutiveHyphens)
        }
        return problems
    }
}
