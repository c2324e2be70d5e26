import MidkvCore

// The codes the agent itself answers with, for requests that never reach Key Vault. The MID
// resolver JAR passes them on unchanged, so they show in the MID's log as `midkv [agent.…]`.

extension ErrorCode {
    /// The request body is not a JSON object with string `id` and `type` members.
    public static let agentBadRequest = ErrorCode("agent.bad-request")
    /// The connecting process runs as a user the agent does not serve.
    public static let agentForbiddenPeer = ErrorCode("agent.forbidden-peer")
    /// The agent has too many requests in progress, or is shutting down.
    public static let agentBusy = ErrorCode("agent.busy")
    /// The request names no endpoint of the agent.
    public static let agentNotFound = ErrorCode("agent.not-found")
    /// The endpoint exists but does not take the request's method.
    public static let agentMethodNotAllowed = ErrorCode("agent.method-not-allowed")
    /// Something failed inside the agent that no other code describes.
    public static let agentInternal = ErrorCode("agent.internal")
    /// The agent cannot listen on its socket or loopback port.
    public static let agentListen = ErrorCode("agent.listen")
}
