import Testing

@testable import midkv

@Suite("TerminalText")
struct TerminalTextTests {
    @Test("carriage returns, backspaces, bells and escape sequences that are not colour are written out")
    func controlsWrittenOut() {
        let text = "kv\rfake\u{8}\u{7}\u{1B}]0;title\u{1B}[2J\u{9B}31m\u{7F}"

        #expect(
            TerminalText.neutralized(text)
                == "kv<U+000D>fake<U+0008><U+0007><U+001B>]0;title<U+001B>[2J<U+009B>31m<U+007F>"
        )
    }

    @Test("colour sequences, line feeds and tabs pass unchanged; a value on one line has its breaks written out")
    func keptCharacters() {
        let text = "\u{1B}[31merror\u{1B}[0m\n\tnext"

        #expect(TerminalText.neutralized(text) == text)
        #expect(TerminalText.oneLine("kv-a\nfake: b\tc") == "kv-a<U+000A>fake: b<U+0009>c")
    }
}
