import MidkvCore
import MidkvHTTPServer

/// The agent's answer to a request its HTTP layer refused before routing it: too many
/// connections, a head or body over the limits, or a request that is not HTTP/1.1 the agent
/// understands.
///
/// The status stays the server's; the body is the agent's error document, so the resolver JAR
/// can show the MID log a code and a fix rather than a protocol error.
struct AgentRejection {
    /// The limits the refusals are measured against, for the evidence.
    let limits: AgentConfiguration.Limits

    /// The response for a refusal with `status` and the server's short `reason`.
    func response(status: Int, reason: String) -> HTTPServerResponse {
        var response = AgentReply.error(error(status: status, reason: reason))
        response.status = status
        return response
    }

    private func error(status: Int, reason: String) -> MidkvError {
        switch status {
        case 503:
            MidkvError(
                .agentBusy,
                "The midkv agent has as many connections open as it serves at once.",
                evidence: [Evidence("connection limit", "\(limits.maxConnections)")],
                fix: "Retry shortly; if it persists, look for clients that hold connections open to the agent."
            )
        case 413, 431:
            MidkvError(
                .agentBadRequest,
                "The request is larger than the midkv agent accepts: \(reason).",
                evidence: [
                    Evidence("body limit", "\(limits.maxBodyBytes) bytes"),
                    Evidence("head limit", "\(limits.maxHeaderBytes) bytes"),
                ],
                fix: "Send only the Credential ID, type, IP and MID name; the midkv resolver JAR does this."
            )
        default:
            MidkvError(
                .agentBadRequest,
                "The midkv agent could not read the request: \(reason).",
                evidence: [Evidence("HTTP status", "\(status)")],
                fix: "Speak HTTP/1.1 to the agent, as the midkv resolver JAR and `curl --unix-socket` do."
            )
        }
    }
}
