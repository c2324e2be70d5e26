/// Text that came from config.xml, the command line or a server, made safe to print on a
/// terminal: control characters are written out as `<U+000D>` instead of moving the cursor,
/// erasing lines, setting the window title or hiding what precedes them.
enum TerminalText {
    /// `text` with every control character but line feed and tab written as `<U+XXXX>`.
    /// Colour sequences (`ESC [ … m`), which midkv itself writes, are kept.
    static func neutralized(_ text: String) -> String {
        escaping(text, keeping: ["\n", "\t"])
    }

    /// `value` on one line: line feeds and tabs are written as `<U+XXXX>` too.
    static func oneLine(_ value: String) -> String {
        escaping(value, keeping: [])
    }

    private static func escaping(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept.contains($0) }) else {
            return text
        }

        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let end = colourSequenceEnd(scalars, at: index) {
                result.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }

            let scalar = scalars[index]
            let shown = isControl(scalar) && !kept.contains(scalar)
            result.append(contentsOf: shown ? written(scalar).unicodeScalars : String(scalar).unicodeScalars)
            index += 1
        }
        return String(result)
    }

    /// C0 controls, DEL and the C1 controls (U+0080 to U+009F, which include an 8-bit CSI).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The index of the `m` that ends `ESC [ digits ; … m` starting at `index`, if one does.
    private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" else {
            return nil
        }

        var end = index + 2
        while end < scalars.count, scalars[end] == ";" || ("0"..."9").contains(scalars[end]) {
            end += 1
        }
        return end < scalars.count && scalars[end] == "m" ? end : nil
    }

    private static func written(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>"
    }
}
