import MidkvCore

extension Finding {
    /// Every piece of text the finding shows, for redaction checks.
    var shownText: String {
        ([check, code.rawValue, message, cause ?? "", fix ?? ""] + evidence.flatMap { [$0.label, $0.value] })
            .joined(separator: "\n")
    }
}

extension Array where Element == Finding {
    /// Whether any finding shows `text` anywhere.
    func mention(_ text: String) -> Bool {
        contains { $0.shownText.contains(text) }
    }
}
