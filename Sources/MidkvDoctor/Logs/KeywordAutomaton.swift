/// Finds many keywords in one pass over bytes, ignoring ASCII case.
///
/// The keywords are compiled into a table-driven automaton (Aho-Corasick): each input byte costs
/// one table lookup however many keywords there are. Bytes are first mapped to classes (one per
/// character the keywords use, case folded, and one for all others), which keeps the table small
/// enough for the processor's caches. A newline always returns to the start state, so keywords
/// never span lines. Long inputs are cut at line breaks into four streams run side by side, which
/// lets the processor overlap their lookups (about 1.5 times the speed of one stream).
struct KeywordAutomaton: Sendable {
    /// Where keywords end: the byte's position and the state entered there.
    struct Match: Sendable, Equatable {
        var position: Int
        var state: Int32
    }

    /// The shortest input cut into streams.
    static let interleaveThreshold = 16384

    /// The keywords as given; matches report indexes into this list.
    let keywords: [String]

    /// The class of each byte: 0 for bytes no keyword uses.
    private let classes: [UInt8]
    /// log2 of the row length of ``table``.
    private let shift: Int
    /// `table[state << shift | class]` is the next state shifted left by ``shift``, or its bitwise
    /// complement when that state completes at least one keyword.
    private let table: [Int32]
    /// The keywords each state completes.
    private let completed: [[Int]]

    /// Compiles `keywords` (non-empty, without line breaks; ASCII letters compared without case).
    init(keywords: [String]) {
        self.keywords = keywords

        let trie = Self.trie(keywords)
        let used = Set(trie.children.flatMap(\.keys)).sorted()
        let classes = (0..<256).map { byte in
            used.firstIndex(of: Self.lowercased(UInt8(byte))).map { UInt8($0 + 1) } ?? 0
        }
        // Columns 0...used.count: enough bits for the largest class.
        let shift = Int.bitWidth - used.count.leadingZeroBitCount

        var table = [Int32](repeating: 0, count: trie.children.count << shift)
        var completed = trie.completed
        var failure = [Int32](repeating: 0, count: trie.children.count)
        for state in Self.breadthFirst(trie.children) {
            completed[state] += state == 0 ? [] : completed[Int(failure[state])]
            for (index, byte) in used.enumerated() {
                let column = index + 1
                let fallback = table[Int(failure[state]) << shift | column]
                guard let child = trie.children[state][byte] else {
                    table[state << shift | column] = state == 0 ? 0 : fallback
                    continue
                }

                table[state << shift | column] = child
                failure[Int(child)] = state == 0 ? 0 : fallback
            }
        }

        self.classes = classes
        self.shift = shift
        self.table = table.map { completed[Int($0)].isEmpty ? $0 << shift : ~($0 << shift) }
        self.completed = completed
    }

    /// Runs `bytes` through the automaton from `state`, appends a match wherever keywords end
    /// (in position order), and returns the state after the last byte.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, from state: Int32, into matches: inout [Match]) -> Int32 {
        guard bytes.count >= Self.interleaveThreshold, let cuts = Self.lineCuts(bytes) else {
            return scan(bytes, range: 0..<bytes.count, from: state, into: &matches)
        }

        var streams = [[Match]](repeating: [], count: 4)
        let end = scanFour(bytes, cuts: cuts, from: state, into: &streams)
        matches += streams.joined()
        return end
    }

    /// The indexes of the keywords that end when the automaton enters `state`.
    func keywords(endingIn state: Int32) -> [Int] {
        completed[Int(state)]
    }

    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        range: Range<Int>,
        from state: Int32,
        into matches: inout [Match]
    ) -> Int32 {
        withTables { table, classes in
            var offset = Int(state) &<< shift
            for position in range {
                let next = Int(table[offset | Int(classes[Int(bytes[position])])])
                if next >= 0 {
                    offset = next
                } else {
                    offset = ~next
                    matches.append(Match(position: position, state: Int32(offset &>> shift)))
                }
            }
            return Int32(offset &>> shift)
        }
    }

    /// Runs the four streams `cuts[i]..<cuts[i + 1]` side by side; the first starts from
    /// `state`, the others (which start after a line break) from the start state.
    private func scanFour(
        _ bytes: UnsafeBufferPointer<UInt8>,
        cuts: [Int],
        from state: Int32,
        into streams: inout [[Match]]
    ) -> Int32 {
        let common = (0..<4).map { cuts[$0 + 1] - cuts[$0] }.min() ?? 0
        let (one, two, three) = (cuts[1], cuts[2], cuts[3])
        var offsets = (Int(state) &<< shift, 0, 0, 0)
        withTables { table, classes in
            for position in 0..<common {
                let next = (
                    Int(table[offsets.0 | Int(classes[Int(bytes[position])])]),
                    Int(table[offsets.1 | Int(classes[Int(bytes[one + position])])]),
                    Int(table[offsets.2 | Int(classes[Int(bytes[two + position])])]),
                    Int(table[offsets.3 | Int(classes[Int(bytes[three + position])])])
                )
                offsets = (Self.offset(next.0), Self.offset(next.1), Self.offset(next.2), Self.offset(next.3))
                guard next.0 | next.1 | next.2 | next.3 < 0 else {
                    continue
                }
                for (stream, (value, start)) in [(next.0, 0), (next.1, one), (next.2, two), (next.3, three)]
                    .enumerated()
                where value < 0 {
                    streams[stream].append(Match(position: start + position, state: Int32(~value &>> shift)))
                }
            }
        }

        let states = [offsets.0, offsets.1, offsets.2, offsets.3].map { Int32($0 &>> shift) }
        var end: Int32 = 0
        for stream in 0..<4 {
            end = scan(
                bytes,
                range: (cuts[stream] + common)..<cuts[stream + 1],
                from: states[stream],
                into: &streams[stream]
            )
        }
        return end
    }

    /// The row offset a table entry leads to, whether or not it completes keywords.
    @inline(__always)
    private static func offset(_ entry: Int) -> Int {
        entry >= 0 ? entry : ~entry
    }

    private func withTables<Result>(
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        table.withUnsafeBufferPointer { table in
            classes.withUnsafeBufferPointer { classes in body(table, classes) }
        }
    }

    /// `[0, a, b, c, count]`: cuts just after the first line breaks past a quarter, half and
    /// three quarters of `bytes`, or `nil` when the lines are too long to give four streams.
    private static func lineCuts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var cuts = [0]
        for quarter in 1...3 {
            let from = max(bytes.count * quarter / 4, cuts[quarter - 1])
            guard let newline = bytes[from...].firstIndex(of: 0x0A), newline + 1 < bytes.count else {
                return nil
            }
            cuts.append(newline + 1)
        }
        return cuts + [bytes.count]
    }

    private static func trie(_ keywords: [String]) -> (children: [[UInt8: Int32]], completed: [[Int]]) {
        var children: [[UInt8: Int32]] = [[:]]
        var completed: [[Int]] = [[]]
        for (index, keyword) in keywords.enumerated() {
            var state = 0
            for byte in keyword.utf8.map(lowercased) {
                if let next = children[state][byte] {
                    state = Int(next)
                    continue
                }
                children.append([:])
                completed.append([])
                children[state][byte] = Int32(children.count - 1)
                state = children.count - 1
            }
            completed[state].append(index)
        }
        return (children, completed)
    }

    private static func breadthFirst(_ children: [[UInt8: Int32]]) -> [Int] {
        var order = [0]
        var head = 0
        while head < order.count {
            let state = order[head]
            head += 1
            order += children[state].values.sorted().map { Int($0) }
        }
        return order
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}
