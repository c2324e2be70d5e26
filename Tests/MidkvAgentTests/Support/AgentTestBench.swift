import Foundation
import MidkvAgent
import MidkvCore
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport

/// An emulator, a config.xml pointing at it, and an agent listening on a socket in a scratch
/// folder, with its logs kept in memory.
final class AgentTestBench: Sendable {
    let harness: EmulatorHarness
    let agent: Agent
    let logs = MemoryLogHandler()
    let clock = ManualTimeSource()
    let configPath: String
    let socketPath: String

    /// Starts the emulator and the agent.
    init(
        cache: AgentConfiguration.CachePolicy = AgentConfiguration.CachePolicy(),
        limits: AgentConfiguration.Limits = AgentConfiguration.Limits(),
        peerPolicy: PeerPolicy = .standard(socketGroup: nil),
        loopback: Bool = false,
        configPollInterval: Duration? = nil,
        configXML: String = AgentTestWorld.configXML()
    ) throws {
        harness = try EmulatorHarness(seed: AgentTestWorld.seed())
        configPath = try harness.folder.write("agent/config.xml", configXML)
        socketPath = harness.folder.path("run/agent.sock")

        let configuration = AgentConfiguration(
            socket: AgentConfiguration.UnixSocket(path: socketPath),
            loopback: loopback ? try AgentConfiguration.LoopbackAddress(parsing: "127.0.0.1:0") : nil,
            settings: AgentConfiguration.SettingsSource(flags: harness.redirectFlags, configFilePath: configPath),
            cache: cache,
            limits: limits,
            peerPolicy: peerPolicy,
            configPollInterval: configPollInterval,
            clock: clock,
            resolverTime: NoWaitTimeSource(),
            logger: Logger(label: "test", handler: logs, minimumLevel: .debug)
        )
        agent = try Agent(configuration: configuration)
        do {
            try agent.start()
        } catch {
            harness.stop()
            throw error
        }
    }

    /// A client of the agent's Unix socket.
    var client: AgentWireClient {
        AgentWireClient(address: .unix(socketPath))
    }

    /// Reads the emulator's count of successful reads of `secret`.
    func reads(_ secret: String, vault: String = AgentTestWorld.vaultName) -> Int {
        harness.emulator.counters.secretReads(vault: vault, secret: secret)
    }

    /// Successful secret reads from every vault.
    var totalReads: Int {
        harness.emulator.counters.secretReads.values.reduce(0, +)
    }

    /// Rewrites config.xml.
    func rewriteConfig(_ xml: String) throws {
        try harness.folder.write("agent/config.xml", xml)
    }

    /// Stops the agent (on a thread of its own), then the emulator.
    func stop() async {
        let agent = self.agent
        _ = try? await onDedicatedThread { agent.stop() }
        harness.stop()
    }

    /// Whether any log entry contains `text`.
    func logsContain(_ text: String) -> Bool {
        logs.transcript.contains(text)
    }
}
