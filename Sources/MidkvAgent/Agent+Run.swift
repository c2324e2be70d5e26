import MidkvSupport

extension Agent {
    /// Starts the agent and serves until SIGTERM or SIGINT, reloading on every SIGHUP, then
    /// stops gracefully.
    ///
    /// The signals are taken over before the socket exists, so a signal sent as soon as the
    /// socket appears is handled, never fatal.
    ///
    /// - Returns: The name of the signal that ended the run.
    /// - Throws: ``MidkvError`` `agent.listen` when the agent cannot listen (see ``start()``).
    public func run() async throws -> String {
        let signals = ProcessSignals()
        try start()
        let name = await signals.wait { [self] in
            reload(trigger: .signal)
        }

        logger.notice("agent stopping", ["agent.signal": name])
        await BlockingBridge.onThread { [self] in stop() }
        return name
    }
}
