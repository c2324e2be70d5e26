import Foundation
import Glibc
import MidkvEmulator
import MidkvTestSupport
import Testing

/// `midkv agent` as a service runs it: socket, resolution, SIGHUP, SIGTERM, exit status.
@Suite("midkv agent command")
struct AgentCommandTests {
    @Test("serves credentials over its socket, reloads on SIGHUP, stops on SIGTERM and removes the socket")
    func lifecycle() async throws {
        let world = try EndToEndWorld()
        let harness = try EmulatorHarness(seed: world.seed)
        defer { harness.stop() }
        let config = try harness.folder.write("agent/config.xml", world.clientSecretConfig())
        let socket = harness.folder.path("run/agent.sock")

        let agent = try await AgentProcess(
            socketPath: socket,
            arguments: ["--config", config, "--log-format", "json"],
            environment: [
                "MIDKV_CONNECT_TO": harness.server.connectAddress, "MIDKV_CA_FILE": harness.server.caFile ?? "",
            ]
        )
        let resolved = try await agent.resolve("linux-root-pw", type: "ssh_password")
        let missing = try await agent.resolve("no-such-secret", type: "ssh_password")
        agent.send(SIGHUP)
        let reloaded = try await agent.waitForMetric(#"midkv_agent_reloads_total{result="ok"} 2"#)
        let afterReload = try await agent.resolve("win-domain-admin", type: "windows")
        agent.send(SIGTERM)
        let (status, stderr) = try await agent.waitForExit()

        let credential = try JSONSerialization.jsonObject(with: resolved.body) as? [String: [String: String]]
        #expect(resolved.status == 200)
        #expect(credential?["credential"]?["user"] == "svc-disc")
        #expect(missing.status == 404)
        #expect(String(decoding: missing.body, as: UTF8.self).contains(#""code":"vault.secret-not-found""#))
        #expect(reloaded, "the agent did not reload on SIGHUP")
        #expect(afterReload.status == 200)
        #expect(status == 0)
        #expect(!agent.socketExists)
        let logged = (
            listening: stderr.contains(#""message":"agent listening""#),
            reload: stderr.contains(#""reload.trigger":"signal""#),
            stop: stderr.contains(#""agent.signal":"SIGTERM""#),
            secret: stderr.contains("CANARY")
        )
        #expect(logged.listening, "no start entry in the log")
        #expect(logged.reload, "no reload entry in the log")
        #expect(logged.stop, "no stop entry in the log")
        #expect(!logged.secret, "a secret value reached the agent's log")
    }

    @Test("settings that allow no authentication stop the agent at start with exit status 1")
    func unusableSettings() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let config = try folder.write("config.xml", "<parameters>\n</parameters>\n")

        let result = try await MidkvProcess.run([
            "agent", "--socket", folder.path("agent.sock"), "--config", config, "--imds-endpoint", "http://127.0.0.1:9",
            "--tenant-id", "11111111-2222-3333-4444-555555555555", "--client-id", "not-a-guid",
        ])

        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error[config."), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("agent.sock")))
    }

    @Test("a socket path that is a regular file stops the agent with agent.listen and leaves the file alone")
    func socketPathIsAFile() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let config = try folder.write("config.xml", "<parameters>\n</parameters>\n")
        let socket = try folder.write("notes.txt", "precious\n")

        let result = try await MidkvProcess.run([
            "agent", "--socket", socket, "--config", config, "--imds-endpoint", "http://127.0.0.1:9",
        ])

        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error[agent.listen]:"), "\(result.stderr)")
        #expect(Self.words(result.stderr).contains("the path exists and is not a socket"))
        #expect(try String(contentsOfFile: socket, encoding: .utf8) == "precious\n")
    }

    @Test("a socket path longer than a Unix socket allows stops the agent with agent.listen, not a crash")
    func socketPathTooLong() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let config = try folder.write("config.xml", "<parameters>\n</parameters>\n")
        let missingFolder = folder.path("not-yet")
        let socket = missingFolder + "/" + String(repeating: "s", count: 120) + ".sock"

        let result = try await MidkvProcess.run([
            "agent", "--socket", socket, "--config", config, "--imds-endpoint", "http://127.0.0.1:9",
        ])

        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error[agent.listen]:"), "\(result.stderr)")
        #expect(Self.words(result.stderr).contains("a Unix socket path has 1 to 107"))
        #expect(!FileManager.default.fileExists(atPath: missingFolder))
    }

    @Test(
        "agent options that cannot be used exit 64 naming the option",
        arguments: [
            (["--listen", "10.0.0.5:8471"], "--listen takes a loopback address and port"),
            (["--listen", "127.0.0.1"], "--listen takes a loopback address and port"),
            (["--cache-ttl", "-1"], "--cache-ttl takes a whole number of seconds"),
            (["--stale-ttl", "soon"], "--stale-ttl takes a whole number of seconds"),
            (["--socket-group", "no-such-group-5c1d"], "--socket-group: no group named 'no-such-group-5c1d'"),
        ]
    )
    func usage(arguments: [String], message: String) async throws {
        let result = try await MidkvProcess.run(["agent"] + arguments)

        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// `text` with every run of white space made one space, so wrapped lines read as one.
    private static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
