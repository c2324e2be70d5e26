import Foundation
import MidkvAgent
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import Testing

/// The agent end to end over its Unix socket against the emulator: resolve, health, metrics,
/// and the errors a client can cause.
@Suite("Agent over its Unix socket")
struct AgentTests {
    @Test("resolves an SSH password credential to exactly the MID's user and pswd keys")
    func resolvesCredential() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread { try client.resolve("cred-07", type: "ssh_password") }
        await bench.stop()

        let credential = try #require(reply.credential)
        let passwordMatches = credential["pswd"] == AgentTestWorld.password(7)
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "application/json; charset=utf-8")
        #expect(reply.headers["cache-control"] == "no-store")
        #expect(credential.keys.sorted() == ["pswd", "user"])
        #expect(credential["user"] == "svc-7")
        #expect(passwordMatches, "pswd is not the secret's password")
    }

    @Test("resolves SNMPv3 and Windows credentials with their resolver keys")
    func resolvesOtherTypes() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let (snmp, windows) = try await onDedicatedThread {
            (try client.resolve("snmp-core", type: "snmpv3"), try client.resolve("win-admin", type: "windows"))
        }
        await bench.stop()

        #expect(snmp.credential?.keys.sorted() == ["authkey", "authprotocol", "privkey", "privprotocol", "user"])
        #expect(snmp.credential?["authprotocol"] == "SHA")
        #expect(windows.credential?["user"] == "CONTOSO\\svc-win")
    }

    @Test("a missing secret answers 404 with vault.secret-not-found, its evidence and fix")
    func missingSecret() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread { try client.resolve("no-such-secret", type: "ssh_password") }
        await bench.stop()

        let error = try #require(reply.json["error"] as? [String: Any])
        let evidence = try #require(error["evidence"] as? [[String: String]])
        #expect(reply.status == 404)
        #expect(reply.errorCode == "vault.secret-not-found")
        #expect((error["message"] as? String)?.contains("no-such-secret") == true)
        #expect((error["fix"] as? String)?.isEmpty == false)
        #expect(evidence.contains { $0["label"] == "secret" && $0["value"] == "no-such-secret" })
    }

    @Test("a Credential ID of the wrong form answers 400 with its credential-id code")
    func malformedCredentialID() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread {
            try client.resolve("https://kv-agent-test.vault.azure.net/secrets/cred-01", type: "ssh_password")
        }
        await bench.stop()

        #expect(reply.status == 400)
        #expect(reply.errorCode == "credential-id.not-a-name")
    }

    @Test("a secret whose JSON does not fit the type answers 422 with a secret code")
    func typeMismatch() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread { try client.resolve("snmp-core", type: "ssh_private_key") }
        await bench.stop()

        #expect(reply.status == 422)
        #expect(reply.errorCode?.hasPrefix("secret.") == true)
    }

    @Test("health answers 200 with status ok and the version")
    func health() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread { try client.request("GET", "/v1/health") }
        await bench.stop()

        #expect(reply.status == 200)
        #expect(reply.json["status"] as? String == "ok")
        #expect(reply.json["version"] as? String == MidkvVersion.current)
    }

    @Test(
        "requests the agent cannot use answer with a JSON error, status and code",
        arguments: [
            (#"{"id":"cred-01""#, 400, "agent.bad-request"),
            (#"["cred-01","ssh_password"]"#, 400, "agent.bad-request"),
            (#"{"type":"ssh_password"}"#, 400, "agent.bad-request"),
            (#"{"id":"cred-01","type":7}"#, 400, "agent.bad-request"),
            (#"{"id":"  ","type":"ssh_password"}"#, 400, "agent.bad-request"),
            (#"{"id":"cred-01","type":"ssh_password","ip":["10.0.0.1"]}"#, 400, "agent.bad-request"),
            ("", 400, "agent.bad-request"),
        ]
    )
    func badBodies(body: String, status: Int, code: String) async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let reply = try await onDedicatedThread { try client.post("/v1/resolve", body: Data(body.utf8)) }
        await bench.stop()

        #expect(reply.status == status)
        #expect(reply.errorCode == code)
        #expect(bench.totalReads == 0)
    }

    @Test("an unknown path answers 404 agent.not-found; a wrong method 405 with Allow")
    func routing() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        let (unknown, wrongMethod) = try await onDedicatedThread {
            (try client.request("GET", "/v2/resolve"), try client.request("GET", "/v1/resolve"))
        }
        await bench.stop()

        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "agent.not-found")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.errorCode == "agent.method-not-allowed")
        #expect(wrongMethod.headers["allow"] == "POST")
    }

    @Test("a body over the limit is refused with 413 before any Key Vault read")
    func oversizedBody() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        let padding = String(repeating: "x", count: 17 * 1024)
        let body = Data(#"{"id":"cred-01","type":"ssh_password","mid":"\#(padding)"}"#.utf8)

        let reply = try await onDedicatedThread { try client.post("/v1/resolve", body: body) }
        await bench.stop()

        #expect(reply.status == 413)
        #expect(reply.errorCode == "agent.bad-request")
        #expect(reply.headers["connection"] == "close")
        #expect(bench.totalReads == 0)
    }

    @Test("a request head over the limit is refused with 431 and the agent's error document")
    func oversizedHead() async throws {
        let bench = try AgentTestBench()
        let client = bench.client
        let padding = String(repeating: "p", count: 9 * 1024)
        let request = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: \(padding)\r\n\r\n"

        let reply = try await onDedicatedThread { try client.exchange(Data(request.utf8)) }
        await bench.stop()

        #expect(reply.status == 431)
        #expect(reply.errorCode == "agent.bad-request")
        #expect(bench.totalReads == 0)
    }

    @Test("the socket file has mode 0660 and disappears when the agent stops")
    func socketFile() async throws {
        let bench = try AgentTestBench()
        let attributes = try FileManager.default.attributesOfItem(atPath: bench.socketPath)
        let folder = try FileManager.default.attributesOfItem(
            atPath: URL(fileURLWithPath: bench.socketPath).deletingLastPathComponent().path
        )

        await bench.stop()

        #expect((attributes[.posixPermissions] as? Int) == 0o660)
        #expect((folder[.posixPermissions] as? Int) == 0o750)
        #expect(!FileManager.default.fileExists(atPath: bench.socketPath))
    }

    @Test("loopback TCP serves the same protocol when asked for")
    func loopbackTCP() async throws {
        let bench = try AgentTestBench(loopback: true)
        let port = try #require(bench.agent.tcpPort)
        let client = AgentWireClient(address: .tcp(port: port))

        let reply = try await onDedicatedThread { try client.resolve("cred-03", type: "ssh_password") }
        await bench.stop()

        #expect(reply.status == 200)
        #expect(reply.credential?["user"] == "svc-3")
    }

    @Test("logs name credentials, outcomes and codes but never a secret value")
    func logsWithoutSecrets() async throws {
        let bench = try AgentTestBench()
        let client = bench.client

        _ = try await onDedicatedThread {
            _ = try client.resolve("cred-01", type: "ssh_password")
            _ = try client.resolve("cred-01", type: "ssh_password")
            _ = try client.resolve("no-such-secret", type: "ssh_password")
            _ = try client.post("/v1/resolve", body: Data("{".utf8))
        }
        await bench.stop()

        #expect(bench.logsContain("credential served"))
        #expect(bench.logsContain("cache.outcome=miss"))
        #expect(bench.logsContain("cache.outcome=hit"))
        #expect(bench.logsContain("error.code=vault.secret-not-found"))
        #expect(bench.logsContain("error.code=agent.bad-request"))
        #expect(!bench.logsContain("CANARY"), "a secret value reached the log")
    }
}
