/// The keywords found in one record, each with the record line it first appeared on.
struct KeywordHits {
    /// The keyword indexes found, in the order first seen.
    private(set) var found: [Int] = []

    private var firstLine: [Int]

    init(keywordCount: Int) {
        firstLine = Array(repeating: -1, count: keywordCount)
    }

    /// Whether no keyword was found.
    var isEmpty: Bool {
        found.isEmpty
    }

    /// Notes `keyword` on record line `line` (0 is the first line).
    mutating func note(_ keyword: Int, line: Int) {
        guard firstLine[keyword] < 0 else {
            return
        }
        firstLine[keyword] = line
        found.append(keyword)
    }

    /// Whether `keyword` was found.
    func contains(_ keyword: Int) -> Bool {
        firstLine[keyword] >= 0
    }

    /// The record line `keyword` first appeared on, or `nil`.
    func line(of keyword: Int) -> Int? {
        firstLine[keyword] >= 0 ? firstLine[keyword] : nil
    }

    /// Forgets every keyword.
    mutating func removeAll() {
        for keyword in found {
            firstLine[keyword] = -1
        }
        found.removeAll(keepingCapacity: true)
    }
}
