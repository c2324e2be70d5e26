extension Duration {
    /// The duration in whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }

    /// The duration as milliseconds with a unit, for evidence: `1500 ms`.
    var millisecondsText: String {
        "\(wholeMilliseconds) ms"
    }
}
