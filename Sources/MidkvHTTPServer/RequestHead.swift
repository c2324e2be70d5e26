import MidkvSupport

/// A parsed request line and header block.
struct RequestHead: Equatable {
    /// How the body is delimited.
    enum BodyFraming: Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: String
    var target: String
    /// The minor version of HTTP/1.x.
    var minorVersion: Int
    var headers: HTTPHeaders

    /// Whether the client asks to keep the connection open after this exchange.
    var keepAlive: Bool {
        let tokens = headers.values(for: "Connection").flatMap { $0.split(separator: ",") }
        let options = Set(tokens.map { $0.trimmingSpaces().lowercased() })
        if options.contains("close") {
            return false
        }
        return minorVersion >= 1
    }

    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool {
        headers["Expect"]?.lowercased() == "100-continue"
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
