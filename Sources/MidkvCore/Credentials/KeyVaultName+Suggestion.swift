import Foundation

extension KeyVaultName {
    /// Derives a valid name from `name`: accents are dropped, every forbidden character becomes a
    /// hyphen, hyphen runs that replacement created collapse to one, and hyphens at either end go.
    ///
    /// A vault name additionally loses `--`, gains a `kv-` prefix when it would not start with a
    /// letter, and is cut to 24 characters. Returns `nil` when no valid name results.
    static func suggestedName(for name: String, kind: Kind) -> String? {
        let folded = name.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var candidate = replacingForbiddenCharacters(in: folded, collapseAll: kind == .vault)
        candidate = trimmingHyphens(candidate)

        if kind == .vault, let first = candidate.first, !isASCIILetter(first) {
            candidate = "kv-" + candidate
        }
        candidate = trimmingHyphens(String(candidate.prefix(kind.allowedLength.upperBound)))

        let valid = problems(in: candidate, kind: kind).isEmpty
        return valid && candidate != name ? candidate : nil
    }

    private static func replacingForbiddenCharacters(in name: String, collapseAll: Bool) -> String {
        var result = ""
        var lastWasReplacement = false
        for character in name {
            let replaced = !isAllowed(character)
            let next: Character = replaced ? "-" : character
            let collapses = next == "-" && result.last == "-" && (replaced || lastWasReplacement || collapseAll)
            if !collapses {
                result.append(next)
            }
            lastWasReplacement = replaced || (collapses && lastWasReplacement)
        }
        return result
    }

    private static func trimmingHyphens(_ name: String) -> String {
        String(name.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }
}
