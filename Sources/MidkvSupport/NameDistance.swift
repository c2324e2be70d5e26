/// How far apart two names are, for "did you mean" suggestions.
public enum NameDistance {
    /// The Levenshtein distance between `lhs` and `rhs`, compared case-insensitively.
    public static func between(_ lhs: String, _ rhs: String) -> Int {
        let source = Array(lhs.lowercased())
        let target = Array(rhs.lowercased())
        guard !source.isEmpty else {
            return target.count
        }
        guard !target.isEmpty else {
            return source.count
        }

        var previous = Array(0...target.count)
        var current = previous
        for (row, sourceCharacter) in source.enumerated() {
            current[0] = row + 1
            for (column, targetCharacter) in target.enumerated() {
                let substitution = previous[column] + (sourceCharacter == targetCharacter ? 0 : 1)
                current[column + 1] = min(previous[column + 1] + 1, current[column] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }

    /// The candidate closest to `name`, if it is close enough to be a likely typo: at most a
    /// third of the name's length away (and at least one edit allowed). Ties go to the first.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let limit = max(1, name.count / 3)
        let scored = candidates.map { ($0, between(name, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit, best.1 > 0 else {
            return nil
        }
        return best.0
    }
}
