import Foundation
import MidkvCore
import MidkvHTTPServer
import MidkvSupport

extension Agent {
    /// Answers one HTTP request. Runs on the calling thread and blocks it while the credential
    /// is resolved on the cooperative pool; the server calls it on a connection thread.
    public func handle(_ request: HTTPServerRequest) -> HTTPServerResponse {
        if let refusal = refusePeer(request) {
            return refusal
        }

        switch request.path {
        case "/v1/resolve":
            return only("POST", request, .resolve) { resolve(request) }
        case "/v1/health":
            return only("GET", request, .health) { AgentReply.health() }
        case "/metrics":
            return only("GET", request, .metrics) {
                AgentReply.metrics(BlockingBridge.wait { await self.metricsText() })
            }
        default:
            return reject(notFound(request), endpoint: .other)
        }
    }

    /// The metrics document, as `GET /metrics` serves it.
    public func metricsText() async -> String {
        let gauges = AgentMetrics.Gauges(
            cacheEntries: service.cacheCount,
            tokenRefreshes: await service.tokenRefreshes(),
            activeConnections: activeConnections,
            version: MidkvVersion.current
        )
        return metrics.prometheusText(gauges)
    }

    private func only(
        _ method: String,
        _ request: HTTPServerRequest,
        _ endpoint: AgentMetrics.Endpoint,
        answer: () -> HTTPServerResponse
    ) -> HTTPServerResponse {
        let allowed = method == "GET" ? ["GET", "HEAD"] : [method]
        guard allowed.contains(request.method) else {
            return reject(methodNotAllowed(request, allowed: allowed), endpoint: endpoint)
        }

        let response = answer()
        if endpoint != .resolve {
            metrics.countRequest(endpoint, .ok)
        }
        return response
    }

    private func resolve(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let started = ContinuousClock.now
        defer { metrics.observeLatency(ContinuousClock.now - started) }
        guard let admitted = admit() else {
            return reject(busy(), endpoint: .resolve)
        }
        defer { admitted.release() }

        let parsed: CredentialRequest
        do {
            parsed = try ResolveRequestBody.parse(request.body)
        } catch {
            logger.warning("request refused", ["error.code": error.code.rawValue, "peer.uid": Self.uid(request.peer)])
            return reject(error, endpoint: .resolve)
        }

        let result = BlockingBridge.wait { [service] in await service.resolve(parsed) }
        return respond(to: parsed, with: result, elapsed: ContinuousClock.now - started, peer: request.peer)
    }

    private func respond(
        to request: CredentialRequest,
        with result: Result<CredentialCache.Answer, MidkvError>,
        elapsed: Duration,
        peer: PeerCredentials?
    ) -> HTTPServerResponse {
        var metadata = Self.metadata(request, peer: peer)
        metadata["duration.ms"] = Self.milliseconds(elapsed)
        switch result {
        case .success(let answer):
            logServed(answer, metadata: metadata)
            return AgentReply.credential(answer.resolved.credential)
        case .failure(let error):
            metadata["error.code"] = error.code.rawValue
            logger.warning("credential request failed", metadata)
            return reject(error, endpoint: .resolve)
        }
    }

    private func logServed(_ answer: CredentialCache.Answer, metadata: Logger.Metadata) {
        var metadata = metadata
        for warning in answer.resolved.warnings where warning.severity >= .warning {
            metadata["warning.code"] = warning.code.rawValue
        }

        switch answer.source {
        case .stale(let age, let cause):
            metrics.countRequest(.resolve, .stale)
            metadata["cache.age.seconds"] = "\(age.components.seconds)"
            metadata["error.code"] = cause.rawValue
            logger.warning("serving a stale credential; Key Vault cannot be reached", metadata)
        case .cache, .keyVault, .sharedRead:
            metrics.countRequest(.resolve, .ok)
            metadata["cache.outcome"] = Self.outcomeName(answer.source)
            logger.info("credential served", metadata)
        }
    }

    /// Answers with `error`, counting it.
    private func reject(_ error: MidkvError, endpoint: AgentMetrics.Endpoint) -> HTTPServerResponse {
        metrics.countRequest(endpoint, .error)
        metrics.countError(error.code)
        return AgentReply.error(error)
    }

    /// A 403 for a Unix-socket peer the policy does not serve; `nil` to go on.
    private func refusePeer(_ request: HTTPServerRequest) -> HTTPServerResponse? {
        guard request.remoteAddress == "unix" else {
            return nil
        }
        if let peer = request.peer, configuration.peerPolicy.allows(peer) {
            return nil
        }

        let metadata: Logger.Metadata = [
            "peer.uid": request.peer.map { "\($0.uid)" } ?? "unknown",
            "peer.pid": request.peer.map { "\($0.pid)" } ?? "unknown",
            "http.path": request.path,
        ]
        logger.warning("connection refused: the peer's user may not use the agent", metadata)
        return reject(forbiddenPeer(request.peer), endpoint: .other)
    }

    static func metadata(_ request: CredentialRequest, peer: PeerCredentials?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "credential.id": loggable(request.credentialID),
            "credential.type": loggable(request.type),
        ]
        metadata["mid.name"] = request.midName.map(loggable)
        metadata["target.ip"] = request.targetIP.map(loggable)
        metadata["peer.uid"] = peer.map { "\($0.uid)" }
        return metadata
    }

    static func uid(_ peer: PeerCredentials?) -> String {
        peer.map { "\($0.uid)" } ?? "tcp"
    }

    /// `text` cut to 200 characters, control characters replaced, so a client cannot forge log lines.
    static func loggable(_ text: String) -> String {
        String(text.prefix(200).map { $0.isASCII && ($0.asciiValue! < 0x20 || $0.asciiValue! == 0x7F) ? "?" : $0 })
    }

    private static func outcomeName(_ source: CredentialCache.Source) -> String {
        switch source {
        case .cache: "hit"
        case .keyVault: "miss"
        case .sharedRead: "shared"
        case .stale: "stale"
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
