/// A count with its noun in the right number: `1 file`, `2 records`, `0 notes`.
enum Counted {
    /// `count` and `noun`, with an `s` added unless the count is one.
    static func phrase(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
