import Foundation
import MidkvEmulator

/// What `midkv emulator` serves and the files it writes for clients.
struct EmulatorSetup {
    /// The seed to serve.
    let seed: EmulatorSeed
    /// Where the CA certificate goes.
    let caFile: String
    /// The seed file, when the demo's seed was written out.
    let writtenSeed: String?
    /// A ready-to-use config.xml for the demo's datacenter MID, when the demo seed is served.
    let configFile: String?

    /// Loads `--seed`, or writes the demo's world into `folder`.
    ///
    /// - Throws: ``EmulatorSeedError`` naming the JSON path of a bad seed; file errors.
    init(arguments: ParsedArguments, folder: String, currentDirectory: String) throws {
        let directory = DemoFolder(path: folder)
        caFile = arguments.value("ca-file") ?? directory.file("emulator-ca.pem")

        guard arguments.value("seed") == nil else {
            let path = arguments.value("seed")!
            let absolute =
                path.hasPrefix("/") ? path : URL(fileURLWithPath: currentDirectory).appendingPathComponent(path).path
            seed = try EmulatorSeed.load(contentsOf: absolute)
            writtenSeed = nil
            configFile = nil
            return
        }

        let world = try DemoWorld.make()
        seed = try world.seed()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        writtenSeed = try directory.write("seed.json", String(decoding: try encoder.encode(seed), as: UTF8.self))
        configFile = try directory.write(
            "agent/config.xml",
            DemoConfigFiles.datacenter(clientSecret: world.clientSecret)
        )
    }

    /// The lines printed at start: where it listens and how to point midkv at it.
    func banner(port: UInt16) -> [String] {
        var lines = [
            "midkv emulator listening on 127.0.0.1:\(port) (TLS and plain HTTP)",
            "CA certificate: \(caFile)",
        ]
        if let writtenSeed {
            lines.append("Seed (the demo's tenant; test data): \(writtenSeed)")
        }
        lines += [
            "",
            "Point midkv at it:",
            "  export MIDKV_CONNECT_TO=127.0.0.1:\(port)",
            "  export MIDKV_CA_FILE=\(caFile)",
        ]
        if let configFile {
            lines += [
                "  midkv resolve linux-root-pw --type ssh_password --config \(configFile)",
                "  midkv config show --config \(configFile)",
            ]
        }
        lines += ["", "Stop with Ctrl-C."]
        return lines
    }
}
