extension MidkvError {
    /// This error with `more` appended to its evidence.
    func adding(_ more: [Evidence]) -> MidkvError {
        var copy = self
        copy.evidence += more
        return copy
    }
}
