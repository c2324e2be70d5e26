import Foundation
import MidkvCore
import MidkvEmulator
import MidkvSupport

/// `midkv demo`: the main job, end to end, on the embedded emulator.
struct DemoCommand: Command {
    static let path = ["demo"]
    static let summary = "Resolve every common credential type from the embedded emulator"
    static let usage = "demo [--keep] [--log-level LEVEL]"
    static let discussion = """
        Starts the Key Vault, Entra ID and instance-metadata emulator on a loopback port with its \
        own CA, writes the agent/config.xml of four MID Servers into a temporary folder (one \
        using a client secret, one on an Azure VM using its managed identity, one using a client \
        certificate generated for the demo, one in a Kubernetes pod using workload identity), and \
        resolves each credential through the same code as `midkv resolve`, over verified HTTPS \
        with the real Azure host names. Values are redacted. Exit status 0 only if every \
        credential resolved.
        """
    static let options =
        [OptionSpec.flag("keep", help: "keep the temporary folder and print its path")]
        + OutputOptions.logging

    let arguments: ParsedArguments

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        self.arguments = arguments
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let logger = try context.logger(from: arguments)
        let folder = try DemoFolder.create()
        defer { arguments.flag("keep") ? context.console.out("Kept \(folder.path)") : folder.remove() }

        let world = try DemoWorld.make()
        let server = try EmulatorServer(
            emulator: Emulator(seed: try world.seed(), logger: logger),
            caFile: folder.file("emulator-ca.pem"),
            logger: logger
        )
        defer { server.stop() }

        let run = DemoRun(world: world, server: server, folder: folder, console: context.console, logger: logger)
        return try await run.perform() ? .success : .failure
    }
}
