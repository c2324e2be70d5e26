import Foundation
import MidkvSupport

/// Turns responses into HTTP/1.1 bytes: status line, `Date`, `Content-Length`, the handler's fields, body.
enum ResponseEncoder {
    /// The interim answer to `Expect: 100-continue`.
    static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Fields the server writes itself; the handler's values for them are dropped.
    private static let managedFields: Set<String> = ["content-length", "transfer-encoding", "connection"]

    /// Encodes `response`; `includeBody` is false for HEAD, `closing` adds `Connection: close`.
    static func encode(_ response: HTTPServerResponse, includeBody: Bool, closing: Bool, now: Date = Date()) -> [UInt8]
    {
        var lines = ["HTTP/1.1 \(response.status) \(HTTPStatus.reasonPhrase(response.status))"]
        if !response.headers.contains("Date") {
            lines.append("Date: \(HTTPDate.format(now))")
        }
        if HTTPStatus.allowsBody(response.status) {
            lines.append("Content-Length: \(response.body.count)")
        }

        for field in response.headers where !managedFields.contains(field.name.lowercased()) {
            lines.append("\(sanitized(field.name)): \(sanitized(field.value))")
        }
        if closing {
            lines.append("Connection: close")
        }

        var bytes = Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        if includeBody, HTTPStatus.allowsBody(response.status) {
            bytes += response.body
        }
        return bytes
    }

    /// The answer to a request refused before the handler: a short text body, then close.
    static func errorResponse(_ error: HTTPRequestError) -> HTTPServerResponse {
        var response = HTTPServerResponse.text(
            error.status,
            "\(HTTPStatus.reasonPhrase(error.status)): \(error.reason)\n"
        )
        response.closeConnection = true
        return response
    }

    /// Whether the handler asked to close through a `Connection: close` field.
    static func asksToClose(_ response: HTTPServerResponse) -> Bool {
        response.closeConnection || response.headers.values(for: "Connection").contains { $0.lowercased() == "close" }
    }

    private static func sanitized(_ text: String) -> String {
        guard text.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            return text
        }
        return String(text.map { $0 == "\r" || $0 == "\n" ? " " : $0 })
    }
}
