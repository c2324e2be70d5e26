import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order.
struct FormBody: Sendable {
    /// The decoded name/value pairs.
    let fields: [(name: String, value: String)]

    /// Parses `data`; `+` stands for a space and `%XX` escapes are decoded.
    init(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        fields = text.split(separator: "&").map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = halves.count > 1 ? Self.decode(halves[1]) : ""
            return (Self.decode(halves[0]), value)
        }
    }

    /// The first value of `name`, or `nil` when absent or empty.
    subscript(name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value, !value.isEmpty else {
            return nil
        }
        return value
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
