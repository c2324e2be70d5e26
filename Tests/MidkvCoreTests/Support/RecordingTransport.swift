import Foundation
import MidkvSupport
import MidkvTransport
import Synchronization

/// Passes requests to another transport and keeps every request and response body and
/// header value, so tests can prove none of them reached a log or an error.
final class RecordingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let seen = Mutex<[String]>([])

    init(_ inner: any HTTPTransport) {
        self.inner = inner
    }

    /// Every body and header value sent or received, as text.
    var texts: [String] {
        seen.withLock { $0 }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let sent = request.headers.map(\.value) + [request.body.map { String(decoding: $0, as: UTF8.self) } ?? ""]
        seen.withLock { $0 += sent }

        let response = try await inner.send(request)
        let received = [String(decoding: response.body, as: UTF8.self)]
        seen.withLock { $0 += received }
        return response
    }
}
