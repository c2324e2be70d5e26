import MidkvSupport

extension Agent {
    /// Serves until SIGTERM or SIGINT, reloading on every SIGHUP, then stops gracefully.
    ///
    /// - Returns: The name of the signal that ended the run.
    public func runUntilTerminated() async -> String {
        let name = await ProcessSignals.wait { [self] in
            reload(trigger: .signal)
        }

        logger.notice("agent stopping", ["agent.signal": name])
        await BlockingBridge.onThread { [self] in stop() }
        return name
    }
}
