/// Short English descriptions of the libxml2 error numbers XMLParser reports on Linux.
///
/// XMLParser on Linux attaches no text to its errors, only the number.
enum XMLErrorText {
    static func describe(_ code: Int) -> String {
        guard let text = texts[code] else {
            return "XML error \(code)"
        }
        return "\(text) (XML error \(code))"
    }

    /// Whether `code` means an element was left open: a mismatched end tag or an early end.
    static func isUnclosedElement(_ code: Int) -> Bool {
        code == 5 || code == 76 || code == 77
    }

    private static let texts: [Int: String] = [
        4: "no XML element found; the text does not start with a tag",
        5: "the document ends too early or has content after the root element",
        9: "a character that XML does not allow",
        23: "an entity reference without its closing ';' (write & as &amp;)",
        26: "an undefined entity (write & as &amp;)",
        29: "a reference to an external entity, which midkv never loads (write the value itself)",
        38: "'<' inside an attribute value (write it as &lt;)",
        39: "an attribute value without an opening quote",
        40: "an attribute value without a closing quote",
        41: "an attribute without a value",
        42: "the same attribute twice in one element",
        45: "a comment that is not closed with -->",
        57: "an unfinished XML declaration",
        64: "an XML declaration that is not at the very start of the file",
        65: "a missing space between attributes",
        68: "a name was expected (write & as &amp; and < as &lt;)",
        73: "'>' was expected to close the tag",
        76: "a closing tag that does not match the open element",
        77: "an element that is never closed",
        80: "'--' inside a comment",
        85: "the elements are not properly nested",
        86: "content after the root element",
        89: "entities that expand without bound (an entity loop or nested expansion; write the value itself)",
    ]
}
