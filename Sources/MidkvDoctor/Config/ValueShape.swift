import MidkvCore

/// What a config.xml value looks like, judged without printing it.
///
/// The doctor shows the shape of a secret (its length and whether it looks like a GUID), never
/// its characters.
enum ValueShape {
    /// Whether `text` is empty or white space only.
    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// A description of a secret's shape for evidence: `40 characters`, `36 characters, GUID-shaped`.
    static func describeSecret(_ text: String) -> String {
        let length = "\(text.count) character\(text.count == 1 ? "" : "s")"
        return IdentifierRules.isGUID(text) ? "\(length), GUID-shaped" : length
    }
}
