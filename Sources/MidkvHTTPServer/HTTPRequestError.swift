/// A request the server refuses before the handler sees it, with the status it answers.
struct HTTPRequestError: Error, Equatable {
    /// The status code to answer with.
    var status: Int
    /// A short, constant explanation for the response body.
    var reason: String

    static func badRequest(_ reason: String) -> HTTPRequestError {
        HTTPRequestError(status: 400, reason: reason)
    }

    static let headersTooLarge = HTTPRequestError(status: 431, reason: "request header fields too large")
    static let bodyTooLarge = HTTPRequestError(status: 413, reason: "request body too large")
    static let unsupportedVersion = HTTPRequestError(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are supported")
    static let unsupportedCoding = HTTPRequestError(status: 501, reason: "only chunked transfer coding is supported")
    static let unsupportedExpectation = HTTPRequestError(status: 417, reason: "only 100-continue can be expected")
}
