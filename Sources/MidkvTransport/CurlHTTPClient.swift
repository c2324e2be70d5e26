import Foundation
import MidkvSupport

/// The HTTP client midkv uses for every outside address: libcurl on a dedicated thread.
///
/// One client runs one thread with a libcurl multi handle. Any number of concurrent ``send(_:)``
/// calls share that thread and its connection cache, and none of them blocks a Swift
/// concurrency thread while waiting. Certificate and host name verification are always on.
///
/// The client refuses plain `http://` to anything but loopback and link-local hosts, never
/// follows redirects, never reads proxy environment variables, and, when confined to loopback
/// (``TransportConfiguration/loopbackOnly`` or ``NetworkGuard/confineToLoopback()``), inspects
/// every address before connecting to it.
public final class CurlHTTPClient: HTTPTransport {
    private let configuration: TransportConfiguration
    private let logger: Logger
    private let loop: CurlMultiLoop?

    /// Creates a client and starts its thread.
    ///
    /// - Parameters:
    ///   - configuration: Trust, proxy, redirection and time-out settings for every request.
    ///   - logger: Receives one debug entry per request; never headers or bodies.
    public init(configuration: TransportConfiguration, logger: Logger = .disabled) {
        self.configuration = configuration
        self.logger = logger
        self.loop = CurlMultiLoop()
    }

    deinit {
        loop?.stop()
    }

    /// Sends `request` and returns the final response, whatever its status.
    ///
    /// Cancelling the calling task abandons the transfer and closes its connection.
    ///
    /// - Throws: ``TransportError`` when no response arrived, with the kind and the low-level
    ///   facts (libcurl code, `errno`, certificate verification result, proxy status).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        let target = try RequestTarget(url: request.url)
        try target.checkNameLookup(request: request, configuration: configuration)
        var metadata: Logger.Metadata = [
            "http.method": request.method.rawValue,
            "http.host": target.host,
            "http.path": target.path,
        ]
        logger.debug("sending request", metadata)

        do {
            let response = try await perform(request, target: target)
            metadata["http.status"] = String(response.status)
            metadata["http.duration_ms"] = Self.milliseconds(since: started)
            logger.debug("received response", metadata)
            return response
        } catch {
            metadata["http.error"] = error.kind.rawValue
            metadata["http.duration_ms"] = Self.milliseconds(since: started)
            logger.debug("request failed", metadata)
            throw error
        }
    }

    /// Cancels every transfer in flight and stops the client's thread. Later requests fail
    /// with `cancelled`. Calling it again does nothing.
    public func shutdown() {
        loop?.stop()
    }

    private func perform(_ request: HTTPRequest, target: RequestTarget) async throws(TransportError) -> HTTPResponse {
        let transfer = try CurlTransfer(request: request, target: target, configuration: configuration)
        guard let loop else {
            throw transfer.error(.other, "libcurl could not be started")
        }

        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    transfer.continuation = continuation
                    if !loop.submit(transfer) {
                        transfer.finish(.failure(transfer.error(.cancelled, "the HTTP client was shut down")))
                    }
                }
            } onCancel: {
                loop.cancel(transfer)
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw transfer.error(.other, "unexpected failure")
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        return String(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
