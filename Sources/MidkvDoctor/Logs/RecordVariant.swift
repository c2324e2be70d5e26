/// Pulls the detail that tells matches of one signature apart out of a record's text.
enum RecordVariant {
    /// The AADSTS code on `line`, such as `AADSTS7000215`.
    static func aadsts(in line: String) -> String? {
        let bytes = Array(line.utf8)
        let lowered = Array(line.lowercased().utf8)
        guard let range = lowered.firstRange(of: Array("aadsts".utf8)) else {
            return nil
        }

        let digits = bytes[range.upperBound...].prefix { $0 &- UInt8(ascii: "0") < 10 }
        guard !digits.isEmpty, digits.count <= 10 else {
            return nil
        }
        return "AADSTS" + String(decoding: digits, as: UTF8.self)
    }

    /// The Java exception class in `lines`: the last `Caused by:` first, then the first class
    /// named, such as `java.lang.IllegalStateException`.
    static func exceptionClass(in lines: [String]) -> String? {
        let causes = lines.filter { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("Caused by:") }
        if let cause = causes.last, let name = exceptionNames(in: cause).first {
            return name
        }
        return lines.lazy.compactMap { exceptionNames(in: $0).first }.first
    }

    private static func exceptionNames(in line: String) -> [String] {
        line.split { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "$") }
            .filter { word in
                let name = word.split(separator: ".").last ?? word
                return (name.hasSuffix("Exception") || name.hasSuffix("Error")) && name.first?.isUppercase == true
                    && name != "ERROR" && name.count > "Error".count
            }
            .map(String.init)
    }
}
