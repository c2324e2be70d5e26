import Foundation
import MidkvSupport
import MidkvTransport
import Synchronization

/// A transport that records every request and answers from a script, in order.
final class ScriptedTransport: HTTPTransport {
    /// One scripted answer.
    enum Step: Sendable {
        case respond(HTTPResponse)
        case fail(TransportError)
    }

    /// A request as it would have gone on the wire.
    struct Recorded: Sendable {
        var method: String
        var url: URL
        var headers: HTTPHeaders
        var body: Data?
        var proxyUse: HTTPRequest.ProxyUse
        var connectTimeout: Duration?
        var timeout: Duration?

        var bodyText: String {
            body.map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        /// The form fields of a URL-encoded body, decoded.
        var formFields: [String: String] {
            var fields: [String: String] = [:]
            for pair in bodyText.split(separator: "&") {
                let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let value = halves.count > 1 ? String(halves[1]) : ""
                fields[String(halves[0])] = value.removingPercentEncoding ?? value
            }
            return fields
        }

        /// The query items of the URL, decoded.
        var query: [String: String] {
            let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            return Dictionary(items.map { ($0.name, $0.value ?? "") }) { first, _ in first }
        }
    }

    private struct State {
        var steps: [Step]
        var requests: [Recorded] = []
    }

    private let state: Mutex<State>
    private let handler: (@Sendable (HTTPRequest) -> Step?)?
    private let beforeAnswer: (@Sendable (Int) -> Void)?

    /// A transport answering `steps` in order; `beforeAnswer` runs with the request's index.
    init(_ steps: [Step] = [], beforeAnswer: (@Sendable (Int) -> Void)? = nil) {
        self.state = Mutex(State(steps: steps))
        self.handler = nil
        self.beforeAnswer = beforeAnswer
    }

    /// A transport answering through `handler`, falling back to scripted steps.
    init(handler: @escaping @Sendable (HTTPRequest) -> Step?) {
        self.state = Mutex(State(steps: []))
        self.handler = handler
        self.beforeAnswer = nil
    }

    /// Appends answers to the script.
    func enqueue(_ steps: Step...) {
        state.withLock { $0.steps += steps }
    }

    /// Every request received, in order.
    var requests: [Recorded] {
        state.withLock { $0.requests }
    }

    /// The number of answers not yet used.
    var remainingSteps: Int {
        state.withLock { $0.steps.count }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let recorded = Recorded(
            method: request.method.rawValue,
            url: request.url,
            headers: request.headers,
            body: request.body,
            proxyUse: request.proxyUse,
            connectTimeout: request.connectTimeout,
            timeout: request.timeout
        )
        let (index, scripted) = state.withLock { state -> (Int, Step?) in
            state.requests.append(recorded)
            return (state.requests.count - 1, state.steps.isEmpty ? nil : state.steps.removeFirst())
        }

        beforeAnswer?(index)
        switch handler?(request) ?? scripted {
        case .respond(let response):
            return response
        case .fail(let failure):
            throw failure
        case nil:
            throw TransportError(
                kind: .other,
                host: request.url.host ?? "",
                port: 0,
                detail: "script has no answer left"
            )
        }
    }
}

extension HTTPResponse {
    /// A JSON response with the content type Azure services send.
    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> HTTPResponse {
        var fields = HTTPHeaders(headers)
        fields.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: fields, body: Data(body.utf8))
    }

    /// An HTML page, as proxies send.
    static func html(_ status: Int, _ body: String = "<html><body>Bad Gateway</body></html>") -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/html")]), body: Data(body.utf8))
    }
}
