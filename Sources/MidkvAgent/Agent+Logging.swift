import MidkvCore
import MidkvHTTPServer
import MidkvSupport

extension Agent {
    func logListening() {
        var metadata: Logger.Metadata = [
            "agent.socket": configuration.socket.path,
            "agent.version": MidkvVersion.current,
            "cache.ttl.seconds": "\(configuration.cache.ttl.components.seconds)",
            "cache.stale_ttl.seconds": "\(configuration.cache.staleTTL.components.seconds)",
            "config.file": configuration.settings.configFilePath ?? "none",
        ]
        if let port = tcpPort, let loopback = configuration.loopback {
            metadata["agent.listen"] = "\(loopback.host):\(port)"
        }
        logger.notice("agent listening", metadata)
    }

    func log(_ outcome: ReloadOutcome, trigger: ReloadTrigger) {
        let base: Logger.Metadata = ["reload.trigger": trigger.rawValue]
        switch outcome {
        case .unchanged:
            logger.notice("configuration reloaded; no midkv setting changed", base)
        case .applied(let changed):
            let metadata = base.merging(["reload.changed": changed.joined(separator: ",")]) { _, new in new }
            logger.notice("configuration reloaded; new settings in force, cache emptied", metadata)
        case .failed(let error):
            let metadata = base.merging(["error.code": error.code.rawValue]) { _, new in new }
            logger.error("configuration reload failed; previous settings stay in force", metadata)
        }
    }

    static func listenFailure(_ error: HTTPServerError) -> MidkvError {
        var evidence = [Evidence("server error", error.code.rawValue)]
        if let endpoint = error.endpoint {
            evidence.append(Evidence("endpoint", endpoint.description))
        }
        return MidkvError(
            .agentListen,
            "The agent cannot listen: \(error.message).",
            evidence: evidence,
            fix: """
                Check that no other agent runs (systemctl status midkv-agent), that the socket's \
                folder exists and this user may write to it, or choose another --socket or --listen.
                """,
            underlying: error
        )
    }

    static func unexpectedReloadFailure(_ error: any Error) -> MidkvError {
        MidkvError(
            .agentInternal,
            "The configuration could not be reloaded.",
            evidence: [Evidence("failure", String(describing: type(of: error)))],
            fix: "Check the configuration with `midkv config show`, then send SIGHUP again."
        )
    }
}
