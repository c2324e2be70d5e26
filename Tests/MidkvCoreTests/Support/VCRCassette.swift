import Foundation
import MidkvSupport
import MidkvTestSupport

/// A minimal reader for the vcrpy YAML cassettes among the fixtures: just the method, URI,
/// request headers, status, response headers and body string of each interaction.
///
/// It understands the two layouts the recordings use: block style (`status:` then `code: 200`
/// on the next line, header values as `- value` lists) and flow style (`{code: 400, …}`,
/// `[value]`). The body is a single-quoted scalar, possibly folded over several lines.
enum VCRCassette {
    static func read(_ path: String) throws -> [RecordedExchange] {
        let text = String(decoding: try Fixtures.azure(path), as: UTF8.self)
        return text.components(separatedBy: "\n- request:").dropFirst().map(interaction)
    }

    private static func interaction(_ text: String) -> RecordedExchange {
        let halves = text.components(separatedBy: "\n  response:")
        let request = halves[0]
        let response = halves.count > 1 ? halves[1] : ""

        return RecordedExchange(
            method: scalar("method", in: request) ?? "",
            uri: scalar("uri", in: request) ?? "",
            requestHeaders: headers(in: request),
            status: status(in: response),
            responseHeaders: headers(in: response),
            body: Data((bodyString(in: response) ?? "").utf8)
        )
    }

    private static func scalar(_ key: String, in text: String) -> String? {
        let prefix = "    \(key): "
        return text.components(separatedBy: "\n").first { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count))
        }
    }

    private static func status(in text: String) -> Int {
        guard let range = text.range(of: "status:"),
            let match = text[range.upperBound...].firstMatch(of: /code: (\d+)/)
        else {
            return 0
        }
        return Int(match.1) ?? 0
    }

    /// Reads the `headers:` block at four spaces: `name: [value]` or `name:` plus `- value` lines.
    private static func headers(in text: String) -> HTTPHeaders {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "    headers:") else {
            return HTTPHeaders()
        }

        var headers = HTTPHeaders()
        var pending: String?
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("      ") else {
                break
            }
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.hasPrefix("- "), let name = pending {
                headers.add(name, unquoted(String(content.dropFirst(2))))
            } else if let colon = content.firstIndex(of: ":") {
                let name = String(content[..<colon])
                let rest = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                pending = rest.isEmpty ? name : nil
                if !rest.isEmpty {
                    headers.add(
                        name,
                        unquoted(
                            String(rest.dropFirst(rest.hasPrefix("[") ? 1 : 0).dropLast(rest.hasSuffix("]") ? 1 : 0))
                        )
                    )
                }
            }
        }
        return headers
    }

    /// The single-quoted scalar after `string: '`, with `''` unescaped and line folds joined.
    private static func bodyString(in text: String) -> String? {
        guard let start = text.range(of: "string: '") else {
            return nil
        }

        var raw = ""
        var index = start.upperBound
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            guard character == "'" else {
                raw.append(character)
                continue
            }
            guard index < text.endIndex, text[index] == "'" else {
                break
            }
            raw.append("'")
            index = text.index(after: index)
        }
        return fold(raw)
    }

    private static func fold(_ raw: String) -> String {
        let lines = raw.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var folded = lines.first ?? ""
        for line in lines.dropFirst() {
            folded += line.isEmpty ? "\n" : (folded.hasSuffix("\n") ? line : " " + line)
        }
        return folded
    }

    private static func unquoted(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, let first = trimmed.first, first == "'" || first == "\"", trimmed.last == first else {
            return trimmed
        }
        return String(trimmed.dropFirst().dropLast())
    }
}
