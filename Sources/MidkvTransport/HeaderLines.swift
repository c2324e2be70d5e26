import MidkvSupport

/// Turns request header fields into the lines libcurl sends, refusing any that could split
/// the request.
enum HeaderLines {
    /// The `Name: value` lines for `headers`, in order.
    ///
    /// An empty value is written as `Name;`, libcurl's spelling for a header sent with no value.
    ///
    /// - Throws: ``TransportError`` of kind `other`, naming the field (never its value), when a
    ///   name is not an HTTP token or a value holds a line break or NUL.
    static func lines(for headers: HTTPHeaders, target: RequestTarget) throws(TransportError) -> [String] {
        var lines: [String] = []
        for field in headers {
            guard isToken(field.name), isSafeValue(field.value) else {
                throw TransportError(
                    kind: .other,
                    host: target.host,
                    port: target.port,
                    detail: "the header field \(printableName(field.name)) cannot be sent as written"
                )
            }

            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        return lines
    }

    private static func isToken(_ name: String) -> Bool {
        let extra = Set("!#$%&'*+-.^_`|~".utf8)
        return !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || extra.contains(byte)
            }
    }

    private static func isSafeValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    private static func printableName(_ name: String) -> String {
        let visible = name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }
        return "'\(String(String.UnicodeScalarView(visible.prefix(64))))'"
    }
}
