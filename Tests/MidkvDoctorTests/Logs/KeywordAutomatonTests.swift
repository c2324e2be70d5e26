import Testing

@testable import MidkvDoctor

@Suite("Keyword automaton")
struct KeywordAutomatonTests {
    private func found(_ keywords: [String], in text: String) -> [(keyword: String, end: Int)] {
        let automaton = KeywordAutomaton(keywords: keywords)
        var matches: [KeywordAutomaton.Match] = []
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { automaton.scan($0, from: 0, into: &matches) }
        return matches.flatMap { match in
            automaton.keywords(endingIn: match.state).map { (keywords[$0], match.position) }
        }
    }

    @Test("finds overlapping and nested keywords, ignoring ASCII case")
    func overlapping() {
        let hits = found(
            ["SocketException", "Exception", "connection reset"],
            in: "java.net.SOCKETEXCEPTION: Connection Reset"
        )

        #expect(hits.map(\.keyword).sorted() == ["Exception", "SocketException", "connection reset"])
        #expect(hits.first { $0.keyword == "SocketException" }?.end == 23)
    }

    @Test("a keyword split by a line break is not found")
    func noSpanningLines() {
        #expect(found(["tenantId=null"], in: "tenantId=\nnull").isEmpty)
        #expect(found(["tenantId=null"], in: "x\ntenantId=null").map(\.end) == [14])
    }

    @Test("four interleaved streams report the same matches, in order, as one stream")
    func interleaved() {
        let keywords = ["AADSTS", "Connection reset", ".vault.azure.net", "credential"]
        var lines: [String] = []
        for index in 0..<3000 {
            let tail = index % 37 == 0 ? " Connection reset by kv\(index).vault.azure.net" : " credential \(index)"
            lines.append("03/02/26 10:15:01 (811) ECCSender.1 line \(index)" + tail)
        }
        let text = Array(lines.joined(separator: "\n").utf8)
        #expect(text.count >= KeywordAutomaton.interleaveThreshold)

        let automaton = KeywordAutomaton(keywords: keywords)
        var whole: [KeywordAutomaton.Match] = []
        var pieces: [KeywordAutomaton.Match] = []
        text.withUnsafeBufferPointer { bytes in
            _ = automaton.scan(bytes, from: 0, into: &whole)
            var state: Int32 = 0
            for start in stride(from: 0, to: bytes.count, by: 1000) {
                var part: [KeywordAutomaton.Match] = []
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<min(start + 1000, bytes.count)])
                state = automaton.scan(slice, from: state, into: &part)
                pieces += part.map { KeywordAutomaton.Match(position: $0.position + start, state: $0.state) }
            }
        }

        #expect(whole.count == 3000 - 82 + 82 * 2)
        #expect(whole == pieces)
        #expect(whole.map(\.position) == whole.map(\.position).sorted())
    }
}
