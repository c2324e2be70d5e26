import Foundation
import MidkvSupport

/// A response for the embedded server to send.
public struct HTTPServerResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields. The server adds `Content-Length` and `Date`.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Data
    /// Close the connection after sending, instead of keeping it alive.
    public var closeConnection: Bool

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(), closeConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.closeConnection = closeConnection
    }

    /// A response whose body is `object` serialized as JSON, with
    /// `Content-Type: application/json; charset=utf-8`.
    public static func json(_ status: Int, _ object: Any, headers: HTTPHeaders = HTTPHeaders()) -> HTTPServerResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        var fields = headers
        fields.set("Content-Type", "application/json; charset=utf-8")
        return HTTPServerResponse(status: status, headers: fields, body: data)
    }

    /// A plain-text response.
    public static func text(_ status: Int, _ text: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPServerResponse {
        var fields = headers
        fields.set("Content-Type", "text/plain; charset=utf-8")
        return HTTPServerResponse(status: status, headers: fields, body: Data(text.utf8))
    }
}
