import MidkvCore
import MidkvHTTPServer
import Synchronization

extension Agent {
    /// A place among the resolve requests in progress, given back by ``release()``.
    struct Admission {
        let counter: Agent

        func release() {
            counter.pending.subtract(1, ordering: .relaxed)
        }
    }

    /// Takes a place for one resolve request; `nil` when the agent is full or stopping.
    func admit() -> Admission? {
        guard !stopping.load(ordering: .relaxed) else {
            return nil
        }
        guard pending.add(1, ordering: .relaxed).newValue <= configuration.limits.maxPendingResolutions else {
            pending.subtract(1, ordering: .relaxed)
            return nil
        }
        return Admission(counter: self)
    }

    func busy() -> MidkvError {
        let stopping = stopping.load(ordering: .relaxed)
        return MidkvError(
            .agentBusy,
            stopping
                ? "The midkv agent is shutting down."
                : "The midkv agent has too many requests in progress.",
            evidence: [Evidence("requests in progress limit", "\(configuration.limits.maxPendingResolutions)")],
            fix: stopping
                ? "Retry once the agent has restarted (systemctl status midkv-agent)."
                : "Retry shortly; if it persists, check the agent's log for slow Key Vault answers."
        )
    }

    func forbiddenPeer(_ peer: PeerCredentials?) -> MidkvError {
        let user = peer.map { "\($0.uid)" } ?? "unknown"
        return MidkvError(
            .agentForbiddenPeer,
            "The midkv agent does not serve processes of user \(user).",
            evidence: [
                Evidence("peer uid", user),
                Evidence("peer gid", peer.map { "\($0.gid)" } ?? "unknown"),
                Evidence("allowed group", configuration.peerPolicy.allowedGroup.map { "\($0)" } ?? "none"),
            ],
            fix: """
                Add the MID Server's service user to the agent socket's group (usermod -aG GROUP USER) \
                and restart the MID Server, or start the agent with --socket-group naming the MID's group.
                """
        )
    }

    func notFound(_ request: HTTPServerRequest) -> MidkvError {
        MidkvError(
            .agentNotFound,
            "The midkv agent has no endpoint \(request.path).",
            evidence: [Evidence("request", "\(request.method) \(request.path)")],
            fix: "Use POST /v1/resolve, GET /v1/health or GET /metrics."
        )
    }

    func methodNotAllowed(_ request: HTTPServerRequest, allowed: [String]) -> MidkvError {
        MidkvError(
            .agentMethodNotAllowed,
            "\(request.path) does not take \(request.method).",
            evidence: [
                Evidence("request", "\(request.method) \(request.path)"),
                Evidence("allowed", allowed.joined(separator: ", ")),
            ],
            fix: "Use \(allowed[0]) \(request.path)."
        )
    }
}
