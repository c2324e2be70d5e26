import Testing

@testable import midkv

@Suite("TextWrap")
struct TextWrapTests {
    @Test("wraps at word boundaries and indents continuation lines")
    func wraps() {
        let text = "  fix: allow outbound 443 to the vault and login hosts, and exempt them from inspection"
        let lines = TextWrap.lines(text, width: 40, indent: "       ")

        #expect(
            lines == [
                "  fix: allow outbound 443 to the vault",
                "       and login hosts, and exempt them",
                "       from inspection",
            ]
        )
        #expect(lines.allSatisfy { $0.count <= 40 })
    }

    @Test("keeps a word longer than the width whole, and keeps existing line breaks")
    func longWordsAndBreaks() {
        let lines = TextWrap.lines(
            "see https://kv-contoso-disc.vault.azure.net/secrets/x\nnext",
            width: 20,
            indent: "  "
        )

        #expect(lines == ["see", "  https://kv-contoso-disc.vault.azure.net/secrets/x", "  next"])
    }
}
