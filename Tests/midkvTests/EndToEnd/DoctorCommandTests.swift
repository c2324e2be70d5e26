import Foundation
import MidkvCore
import MidkvEmulator
import MidkvTestSupport
import Testing

@testable import midkv

/// `midkv doctor` as a user runs it against the emulator: the demo's two MIDs pass, and one
/// seeded fault of each family is named as the only error.
@Suite("midkv doctor")
struct DoctorCommandTests {
    /// The emulator with the end-to-end world, and the two MIDs' folders.
    struct Setup {
        let world: EndToEndWorld
        let harness: EmulatorHarness

        init() throws {
            world = try EndToEndWorld()
            harness = try EmulatorHarness(seed: world.seed)
        }

        var environment: [String: String] {
            ["MIDKV_CONNECT_TO": harness.server.connectAddress, "MIDKV_CA_FILE": harness.server.caFile ?? ""]
        }

        /// Writes `xml` as a private agent/config.xml and returns its path.
        func config(_ xml: String) throws -> String {
            let path = try harness.folder.write("mid-\(UUID().uuidString.prefix(6))/agent/config.xml", xml)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            return path
        }

        /// `--credential` arguments for every demo credential, with `suffix` after the secret name.
        func credentials(suffix: String = "") -> [String] {
            world.demo.credentials.flatMap { ["--credential", "\($0.secretName)\(suffix):\($0.type)"] }
        }

        func doctor(_ arguments: [String], environment: [String: String] = [:]) async throws -> MidkvProcess.Result {
            try await MidkvProcess.run(
                ["doctor"] + arguments,
                environment: self.environment.merging(environment) { _, new in new }
            )
        }
    }

    /// The findings of a `--format json` run.
    static func findings(_ result: MidkvProcess.Result) throws -> [[String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "midkv.doctor/1")
        return try #require(document["findings"] as? [[String: Any]])
    }

    static func errors(_ result: MidkvProcess.Result) throws -> [String] {
        try findings(result).filter { $0["severity"] as? String == "error" }.compactMap { $0["code"] as? String }
    }

    @Test("the demo's MIDs with a client secret, VM managed identity and workload identity have no error")
    func demoHealthy() async throws {
        let setup = try Setup()
        defer { setup.harness.stop() }
        let demo = setup.world.demo
        let datacenter = try setup.config(DemoConfigFiles.datacenter(clientSecret: demo.clientSecret))
        let azureVM = try setup.config(DemoConfigFiles.azureVM)
        let token = setup.harness.emulator.issueWorkloadToken(
            issuer: DemoWorld.clusterIssuer,
            subject: DemoWorld.serviceAccount
        )
        let tokenFile = try setup.harness.folder.write("pod/azure-identity-token", token ?? "")
        let kubernetes = try setup.config(DemoConfigFiles.kubernetes)
        let podEnvironment = [
            "AZURE_CLIENT_ID": DemoWorld.clientID, "AZURE_TENANT_ID": DemoWorld.tenantID,
            "AZURE_FEDERATED_TOKEN_FILE": tokenFile,
        ]

        let results = [
            try await setup.doctor(["--config", datacenter] + setup.credentials()),
            try await setup.doctor(["--config", azureVM] + setup.credentials(suffix: ":kv-contoso-disc")),
            try await setup.doctor(["--config", kubernetes] + setup.credentials(), environment: podEnvironment),
        ]

        for result in results {
            #expect(result.status == 0, "\(result.output)")
            #expect(!result.stdout.contains("error["))
            #expect(result.stdout.contains("No errors found."))
            #expect(result.stdout.components(separatedBy: "ok[secret.resolved]").count == 9)
            #expect(!result.output.contains("CANARY"))
            #expect(!result.output.contains("PRIVATE KEY"))
        }
        #expect(results[1].stdout.contains("Signed in with managed identity (IMDS) as app"))
        #expect(results[2].stdout.contains("ok[identity.federated-token-valid]"))
    }

    /// One seeded fault: what to change from the healthy datacenter MID, and the one error expected.
    struct Fault: Sendable, CustomTestStringConvertible {
        var family: String
        var expected: String
        var testDescription: String {
            "\(family) -> \(expected)"
        }
    }

    @Test(
        "one seeded fault of each family is the only error, named by its code",
        arguments: [
            Fault(family: "config", expected: "config.invalid-vault-name"),
            Fault(family: "network", expected: "network.imds-unreachable"),
            Fault(family: "identity", expected: "identity.invalid-secret"),
            Fault(family: "vault", expected: "vault.wrong-tenant"),
            Fault(family: "credential-id", expected: "credential-id.not-a-name"),
            Fault(family: "log", expected: "log.resolver-missing"),
        ]
    )
    func seededFault(_ fault: Fault) async throws {
        let setup = try Setup()
        defer { setup.harness.stop() }
        let secret = setup.world.demo.clientSecret
        let healthy = DemoConfigFiles.datacenter(clientSecret: secret)
        var arguments = ["--format", "json", "--credential", "linux-root-pw:ssh_password"]

        switch fault.family {
        case "config":
            let broken = healthy.replacingOccurrences(
                of: "value=\"kv-contoso-disc\"",
                with: "value=\"linux-root-pw:kv-contoso-disc\""
            )
            arguments += ["--config", try setup.config(broken)]
        case "network":
            let closed = try ReservedPort()
            arguments = [
                "--format", "json", "--credential", "linux-root-pw:kv-contoso-disc:ssh_password",
                "--config", try setup.config(DemoConfigFiles.azureVM), "--imds-endpoint",
                "http://127.0.0.1:\(closed.port)",
            ]
        case "identity":
            let broken = healthy.replacingOccurrences(of: secret, with: "CANARY-rotated-value~7Kq")
            arguments += ["--config", try setup.config(broken)]
        case "vault":
            let noVault = setup.world.clientSecretConfig(vaultName: nil)
            arguments = [
                "--format", "json", "--credential", "linux-root-pw:kv-fabrikam:ssh_password", "--config",
                try setup.config(noVault),
            ]
        case "credential-id":
            arguments = [
                "--format", "json", "--credential",
                "https://kv-contoso-disc.vault.azure.net/secrets/linux-root-pw:ssh_password",
                "--config", try setup.config(healthy),
            ]
        default:
            let log = try setup.harness.folder.write(
                "logs/agent0.log.0",
                """
                03/02/26 10:15:01 (811) Worker-Interactive:CommandPipeline-9f0c1e2d3b4a59687f6e5d4c3b2a1908 SEVERE *** ERROR *** Problem with client's CredentialResolver:
                java.lang.ClassNotFoundException: com.snc.discovery.CredentialResolver
                \tat java.net.URLClassLoader.findClass(URLClassLoader.java:382)

                """
            )
            arguments += ["--config", try setup.config(healthy), "--logs", log]
        }

        let result = try await setup.doctor(arguments)

        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Self.errors(result) == [fault.expected], "\(result.stdout)")
        #expect(!result.output.contains("CANARY"))
    }

    @Test("--offline sends nothing: with no emulator running the checks still finish, skipping the online ones")
    func offline() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("agent/config.xml", DemoConfigFiles.datacenter(clientSecret: "CANARY-offline-7"))

        let result = try await MidkvProcess.run([
            "doctor", "--offline", "--config", path, "--credential", "linux-root-pw:ssh_password",
        ])

        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("skipped network check: --offline was given"))
        #expect(result.stdout.contains("ok[credential-id.valid]"))
        #expect(!result.output.contains("CANARY"))
    }

    @Test(
        "usage errors exit 64",
        arguments: [
            (["doctor", "--credential", "linux-root-pw"], "--credential 'linux-root-pw' is not ID:TYPE"),
            (["doctor", "linux-root-pw"], "unexpected argument 'linux-root-pw'"),
            (["doctor", "--format", "yaml"], "unknown format 'yaml'"),
            (["doctor", "--ofline"], "unknown option --ofline (did you mean --offline?)"),
        ]
    )
    func usage(_ arguments: [String], _ message: String) async throws {
        let result = try await MidkvProcess.run(arguments)

        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("human output stays within 80 columns, apart from words longer than a line")
    func width() async throws {
        let setup = try Setup()
        defer { setup.harness.stop() }
        let path = try setup.config(setup.world.clientSecretConfig(vaultName: nil))

        let result = try await setup.doctor(["--config", path, "--credential", "linux-root-pw:kv-no-role:ssh_password"])

        #expect(result.status == 1)
        let long = result.stdout.split(separator: "\n").filter { line in
            line.count > 80 && line.split(separator: " ").count > 2
        }
        #expect(long.isEmpty, "\(long)")
        #expect(result.stdout.contains("error[vault.forbidden-rbac]"))
    }
}
