import Foundation
import MidkvCore
import MidkvEmulator
import MidkvTransport

/// An emulator on a loopback port plus a scratch folder, for tests that resolve credentials
/// over real HTTPS: write a config.xml, get ``Settings`` pointed at the emulator, stop.
public final class EmulatorHarness: Sendable {
    /// The running emulator server.
    public let server: EmulatorServer
    /// The scratch folder (config files, the CA certificate).
    public let folder: TemporaryDirectory

    /// The emulator behind the server: fault switches, request log, counters.
    public var emulator: Emulator {
        server.emulator
    }

    /// Starts an emulator serving `seed`, with the process confined to loopback.
    public init(seed: EmulatorSeed) throws {
        NetworkGuard.confineToLoopback()
        folder = try TemporaryDirectory(prefix: "midkv-e2e")
        server = try EmulatorServer(emulator: Emulator(seed: seed), caFile: folder.path("emulator-ca.pem"))
    }

    /// The flags that point midkv at the emulator (`--connect-to`, `--ca-file`), with a time
    /// budget long enough for a slow, busy machine: tests assert outcomes, never durations.
    public var redirectFlags: [String: String] {
        ["--connect-to": server.connectAddress, "--ca-file": server.caFile ?? "", "--timeout": "600"]
    }

    /// Settings from `configXML` (written to the scratch folder), `environment` and `flags`, all
    /// pointed at the emulator.
    public func settings(
        configXML: String?,
        environment: [String: String] = [:],
        flags: [String: String] = [:]
    ) throws -> Settings {
        let path = try configXML.map { try folder.write("config-\(UUID().uuidString.prefix(6)).xml", $0) }
        return try Settings.resolve(
            flags: redirectFlags.merging(flags) { _, new in new },
            environment: environment,
            configFilePath: path
        )
    }

    /// Stops the server and removes the folder.
    public func stop() {
        server.stop()
        folder.remove()
    }
}
