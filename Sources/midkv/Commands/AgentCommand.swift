import Foundation
import MidkvAgent
import MidkvCore
import MidkvSupport

/// `midkv agent`: the long-running local service the MID Server's resolver JAR talks to.
struct AgentCommand: Command {
    static let path = ["agent"]
    static let summary = "Serve credentials to the MID's resolver class over a Unix socket"
    static let usage = "agent [--config PATH] [--socket PATH] [--listen 127.0.0.1:PORT] [options]"
    static let discussion = """
        Answers POST /v1/resolve, GET /v1/health and GET /metrics over HTTP on a Unix domain \
        socket (mode 0660; its folder is created with mode 0750 when missing), and on a loopback \
        TCP port only when --listen asks for one. Only the agent's own user, root and members of \
        the socket's group are served. Credentials are cached for --cache-ttl seconds and, while \
        Key Vault cannot be reached, served stale for up to --stale-ttl more. SIGHUP, or a change \
        to config.xml, reloads midkv's settings without restarting; SIGTERM or SIGINT stops \
        gracefully. Logs go to standard error; secret values never do.
        """
    static let options: [OptionSpec] = serviceOptions + SettingsOptions.specs + logging

    /// The agent's own options: where it listens, how it caches, how often it looks at
    /// config.xml. Everything else it takes is a setting or a logging option.
    static let serviceOptions: [OptionSpec] =
        [
            .value(
                "socket",
                "PATH",
                help: "Unix socket to listen on (default \(AgentConfiguration.defaultSocketPath))"
            ),
            .value("listen", "ADDR:PORT", help: "also listen on this loopback TCP address, e.g. 127.0.0.1:8471"),
            .value("socket-owner", "USER", help: "user to own the socket file (needs root)"),
            .value("socket-group", "GROUP", help: "group to own the socket file; its members are served"),
            .value(
                "cache-ttl",
                "SECONDS",
                help: "serve a credential this long before asking Key Vault again (default 300; 0 disables)"
            ),
            .value(
                "stale-ttl",
                "SECONDS",
                help: "serve it this much longer while Key Vault cannot be reached (default 900; 0 disables)"
            ),
            .value("config-poll", "SECONDS", help: "check config.xml for changes this often (default 5; 0 disables)"),
        ]

    /// `--log-level` (info by default: one line per credential served) and `--log-format`.
    private static let logging: [OptionSpec] = [
        .value("log-level", "LEVEL", help: "log to stderr from this level: debug, info (default), notice, warning"),
        .value("log-format", "human|json", help: "log line format (default human)"),
    ]

    let arguments: ParsedArguments
    let socket: AgentConfiguration.UnixSocket
    let loopback: AgentConfiguration.LoopbackAddress?
    let cache: AgentConfiguration.CachePolicy
    let configPoll: Duration?

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        self.arguments = arguments
        self.socket = try Self.socket(from: arguments)
        self.cache = AgentConfiguration.CachePolicy(
            ttl: .seconds(try Self.seconds("cache-ttl", from: arguments) ?? 300),
            staleTTL: .seconds(try Self.seconds("stale-ttl", from: arguments) ?? 900)
        )
        let poll = try Self.seconds("config-poll", from: arguments) ?? 5
        self.configPoll = poll == 0 ? nil : .seconds(poll)

        do {
            self.loopback = try arguments.value("listen").map { try AgentConfiguration.LoopbackAddress(parsing: $0) }
        } catch {
            throw UsageError("--listen takes a loopback address and port such as 127.0.0.1:8471 or [::1]:8471")
        }
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let logger = try Self.logger(from: arguments, environment: context.environment)
        let configuration = AgentConfiguration(
            socket: socket,
            loopback: loopback,
            settings: AgentConfiguration.SettingsSource(
                flags: SettingsOptions.flags(from: arguments),
                environment: context.environment,
                configFilePath: try SettingsOptions.configPath(
                    from: arguments,
                    environment: context.environment,
                    currentDirectory: context.currentDirectory
                )
            ),
            cache: cache,
            peerPolicy: .standard(socketGroup: socket.group),
            configPollInterval: configPoll,
            logger: logger
        )

        _ = try await Agent(configuration: configuration).run()
        return .success
    }

    private static func socket(from arguments: ParsedArguments) throws -> AgentConfiguration.UnixSocket {
        var socket = AgentConfiguration.UnixSocket(
            path: arguments.value("socket") ?? AgentConfiguration.defaultSocketPath
        )
        if let name = arguments.value("socket-owner") {
            guard let uid = AccountDatabase.userID(named: name) else {
                throw UsageError("--socket-owner: no user named '\(name)'")
            }
            socket.owner = uid
        }
        if let name = arguments.value("socket-group") {
            guard let gid = AccountDatabase.groupID(named: name) else {
                throw UsageError("--socket-group: no group named '\(name)'")
            }
            socket.group = gid
        }
        return socket
    }

    private static func seconds(_ name: String, from arguments: ParsedArguments) throws -> Int? {
        guard let text = arguments.value(name) else {
            return nil
        }
        guard let seconds = Int(text), seconds >= 0, seconds <= 86_400 * 7 else {
            throw UsageError("--\(name) takes a whole number of seconds from 0 to 604800, not '\(text)'")
        }
        return seconds
    }

    /// Info and above on standard error, unless `--log-level` or `$MIDKV_LOG_LEVEL` says otherwise.
    private static func logger(from arguments: ParsedArguments, environment: [String: String]) throws -> Logger {
        try CommandContext.logger(from: arguments, environment: environment, defaultLevel: "info")
    }
}
