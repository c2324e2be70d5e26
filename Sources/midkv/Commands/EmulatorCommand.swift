import Foundation
import MidkvEmulator
import MidkvSupport

/// `midkv emulator`: the Key Vault, Entra ID and instance-metadata emulator as a service on a
/// loopback port, until interrupted.
struct EmulatorCommand: Command {
    static let path = ["emulator"]
    static let summary = "Run the Key Vault, Entra ID and IMDS emulator on loopback"
    static let usage = "emulator [--seed FILE] [--port N] [--ca-file PATH] [--dir PATH]"
    static let discussion = """
        Serves Key Vault secrets, the Entra ID token endpoint and the instance metadata service \
        over TLS and plain HTTP on one port of 127.0.0.1, with the real Azure host names in its \
        certificate. Point midkv at it with MIDKV_CONNECT_TO and MIDKV_CA_FILE, as printed at \
        start. Without --seed it serves the demo's tenant and writes that seed, a CA file and a \
        ready-to-use agent/config.xml into --dir (default: a new temporary folder). Stops on \
        Ctrl-C or SIGTERM.
        """
    static let options: [OptionSpec] =
        [
            .value("seed", "FILE", help: "seed file: tenants, apps, identities, vaults, secrets (default: the demo's)"),
            .value("port", "N", help: "TCP port on 127.0.0.1 (default: any free port)"),
            .value("ca-file", "PATH", help: "where to write the emulator's CA certificate"),
            .value("dir", "PATH", help: "folder for the CA file and, without --seed, the demo files"),
        ] + OutputOptions.logging

    let arguments: ParsedArguments
    let port: UInt16

    init(arguments: ParsedArguments) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument '\(arguments.positionals[0])'")
        }
        let portText = arguments.value("port") ?? "0"
        guard let port = UInt16(portText) else {
            throw UsageError("--port must be a number from 0 to 65535, not '\(portText)'")
        }
        self.arguments = arguments
        self.port = port
    }

    func run(in context: CommandContext) async throws -> ExitStatus {
        let logger = try context.logger(from: arguments)
        let folder = try folder(in: context)
        let setup = try EmulatorSetup(arguments: arguments, folder: folder, currentDirectory: context.currentDirectory)

        let server = try EmulatorServer(
            emulator: Emulator(seed: setup.seed, logger: logger),
            port: port,
            caFile: setup.caFile,
            logger: logger
        )
        for line in setup.banner(port: server.port) {
            context.console.out(line)
        }

        let signal = await ShutdownSignal.wait()
        server.stop()
        context.console.err("midkv emulator: stopped on \(signal)")
        return .success
    }

    private func folder(in context: CommandContext) throws -> String {
        if let dir = arguments.value("dir") {
            let path = URL(fileURLWithPath: context.currentDirectory).appendingPathComponent(dir).standardizedFileURL
                .path
            try FileManager.default.createDirectory(
                atPath: dir.hasPrefix("/") ? dir : path,
                withIntermediateDirectories: true
            )
            return dir.hasPrefix("/") ? dir : path
        }
        return try DemoFolder.create().path
    }
}
