import Foundation
import MidkvCore
import MidkvEmulator
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Synchronization
import Testing

@Suite("Azure Arc managed identity token source")
struct ArcManagedIdentityTokenSourceTests {
    static let scope = "https://vault.azure.net/.default"
    static let folder = ArcManagedIdentityTokenSource.standardTokensFolder
    static let keyContent = "CANARY-arc-key-7f3a9c"

    let time = FakeTimeSource()
    let logs = MemoryLogHandler()

    /// A key file reader that serves one file and records every look.
    final class SpyReader: Sendable {
        let looks = Mutex<[String]>([])
        let size: Int
        let failure: ConfigurationFileReader.Failure?

        init(
            size: Int = ArcManagedIdentityTokenSourceTests.keyContent.utf8.count,
            failure: ConfigurationFileReader.Failure? = nil
        ) {
            self.size = size
            self.failure = failure
        }

        var reader: ArcKeyFileReader {
            ArcKeyFileReader(
                size: { path in
                    self.looks.withLock { $0.append("size \(path)") }
                    return self.failure.map { .failure($0) } ?? .success(self.size)
                },
                contents: ConfigurationFileReader { path in
                    self.looks.withLock { $0.append("read \(path)") }
                    return .success(Data(ArcManagedIdentityTokenSourceTests.keyContent.utf8))
                }
            )
        }
    }

    private func source(_ transport: ScriptedTransport, spy: SpyReader) -> ArcManagedIdentityTokenSource {
        ArcManagedIdentityTokenSource(
            endpoint: URL(string: "http://localhost:40342/metadata/identity/oauth2/token")!,
            keyFileReader: spy.reader,
            transport: transport,
            retry: .none,
            time: time,
            logger: Logger(label: "midkv.identity", handler: logs, minimumLevel: .trace)
        )
    }

    private static func challenge(_ realm: String?) -> HTTPResponse {
        var headers: [(String, String)] = []
        if let realm {
            headers.append(("WWW-Authenticate", "Basic realm=\(realm)"))
        }
        return .json(401, #"{"error":"unauthorized_client"}"#, headers: headers)
    }

    @Test("challenge, key file, second request with Basic key: the exchange the agent expects")
    func exchange() async throws {
        let spy = SpyReader()
        let keyFile = "\(Self.folder)/4c1d2e.key"
        let transport = ScriptedTransport([
            .respond(Self.challenge(keyFile)),
            .respond(.json(200, #"{"access_token":"t","expires_in":"86399","resource":"https://vault.azure.net"}"#)),
        ])

        let token = try await source(transport, spy: spy).token(for: Self.scope, deadline: time.deadline())

        let requests = transport.requests
        #expect(requests.count == 2)
        #expect(
            requests[0].url.absoluteString
                == "http://localhost:40342/metadata/identity/oauth2/token?api-version=2020-06-01"
                + "&resource=https%3A%2F%2Fvault.azure.net"
        )
        #expect(requests.allSatisfy { $0.headers["Metadata"] == "true" && $0.proxyUse == .never })
        #expect(requests[0].headers["Authorization"] == nil)
        let basic = requests[1].headers["Authorization"] == "Basic \(Self.keyContent)"
        #expect(basic)
        #expect(spy.looks.withLock { $0 } == ["size \(keyFile)", "read \(keyFile)"])
        #expect(token.expiresOn == time.date.addingTimeInterval(86399))
        #expect(!logs.transcript.contains(Canary.marker))
        #expect(logs.transcript.contains("arc.key_file=\(keyFile)"))
    }

    @Test(
        "a realm outside the tokens folder, not a .key file, or too big is refused before the file is read",
        arguments: [
            ("/etc/shadow", "is not directly in the agent's tokens folder"),
            ("/var/opt/azcmagent/tokens/../../../../etc/ssl/private/server.key", "is not directly in the agent's"),
            ("/var/opt/azcmagent/tokens/sub/x.key", "is not directly in the agent's tokens folder"),
            ("/var/opt/azcmagent/tokens/notes.txt", "does not name a .key file"),
            ("tokens/relative.key", "is not an absolute path"),
        ]
    )
    func refusedRealm(realm: String, problem: String) async throws {
        let spy = SpyReader()
        let transport = ScriptedTransport([.respond(Self.challenge(realm))])

        let error = try #require(
            await midkvError { try await source(transport, spy: spy).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .identityArcChallengeInvalid)
        #expect(error.message.contains(problem))
        #expect(error.message.hasSuffix("midkv did not read it"))
        #expect(spy.looks.withLock { $0 }.isEmpty)
        #expect(transport.requests.count == 1)
    }

    @Test("a key file over 4096 bytes is measured, then refused unread")
    func oversized() async throws {
        let spy = SpyReader(size: 4097)
        let keyFile = "\(Self.folder)/big.key"
        let transport = ScriptedTransport([.respond(Self.challenge(keyFile))])

        let error = try #require(
            await midkvError { try await source(transport, spy: spy).token(for: Self.scope, deadline: time.deadline()) }
        )

        #expect(error.code == .identityArcChallengeInvalid)
        #expect(error.message.contains("is 4097 bytes, more than the 4096 a key file may have"))
        #expect(spy.looks.withLock { $0 } == ["size \(keyFile)"])
    }

    @Test("EACCES on the key file says the user must join the himds group")
    func permissionDenied() async throws {
        let spy = SpyReader(failure: .permissionDenied)
        let transport = ScriptedTransport([.respond(Self.challenge("\(Self.folder)/4c1d2e.key"))])

        let error = try #require(
            await midkvError { try await source(transport, spy: spy).token(for: Self.scope, deadline: time.deadline()) }
        )

        let user = ProcessInfo.processInfo.userName
        #expect(error.code == .identityArcKeyFileDenied)
        #expect(
            error.message == "The user \(user) may not read the Azure Arc agent's key file \(Self.folder)/4c1d2e.key"
        )
        #expect(error.fix.contains("usermod -a -G himds \(user)"))
        #expect(error.evidence("errno") == "EACCES")
    }

    @Test("no challenge, or a token without one, means the endpoint is not the Arc agent")
    func missingChallenge() async throws {
        for response in [Self.challenge(nil), .json(200, #"{"access_token":"t","expires_in":"60"}"#)] {
            let transport = ScriptedTransport([.respond(response)])

            let error = try #require(
                await midkvError {
                    try await source(transport, spy: SpyReader()).token(for: Self.scope, deadline: time.deadline())
                }
            )

            #expect(error.code == .identityArcChallengeInvalid)
            #expect(error.message.hasPrefix("The Azure Arc agent at localhost:40342 answered "))
        }
    }

    @Test("a refused second request shows the service's message, never the key")
    func refusedKey() async throws {
        let transport = ScriptedTransport([
            .respond(Self.challenge("\(Self.folder)/4c1d2e.key")),
            .respond(.json(401, #"{"error":"unauthorized_client","error_description":"key mismatch"}"#)),
        ])

        let error = try #require(
            await midkvError {
                try await source(transport, spy: SpyReader()).token(for: Self.scope, deadline: time.deadline())
            }
        )

        #expect(error.code == .identityFailed)
        #expect(error.evidence("service message") == "key mismatch")
        expectNoCanary(error, logs)
    }

    @Test("nothing listening at the endpoint is a missing agent")
    func agentAbsent() async throws {
        let port = try ReservedPort()
        let transport = CurlHTTPClient(configuration: TransportConfiguration())
        defer { transport.shutdown() }
        let source = ArcManagedIdentityTokenSource(
            endpoint: URL(string: "http://127.0.0.1:\(port.port)/metadata/identity/oauth2/token")!,
            transport: transport,
            time: NoWaitTimeSource()
        )

        let error = try #require(
            await midkvError { try await source.token(for: Self.scope, deadline: .now + .seconds(30)) }
        )

        #expect(error.code == .identityArcAgentAbsent)
        #expect(error.message == "The Azure Arc agent did not answer at 127.0.0.1:\(port.port)")
        #expect(error.evidence("failure") == "connection-refused")
        #expect(error.fix.contains("azcmagent show"))
    }

    @Test("a credential resolves end to end through the emulated Arc agent and its real key file")
    func endToEnd() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let environment = [
            "IDENTITY_ENDPOINT": world.arcEndpoint.absoluteString, "IMDS_ENDPOINT": "http://127.0.0.1:1",
        ]

        let resolved = try await world.resolve(try world.settings(environment: environment))

        #expect(resolved.credential[.user]?.reveal() == "svc-disc")
        #expect(world.emulator.requests.filter { $0.kind == .arc }.map(\.status) == [401, 200])
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.arcFolder).isEmpty)
    }

    @Test("with the agent's real tokens folder required, the emulator's key file is refused unread")
    func endToEndForeignFolder() async throws {
        let world = try SignInWorld()
        defer { world.stop() }
        let environment = [
            "IDENTITY_ENDPOINT": world.arcEndpoint.absoluteString, "IMDS_ENDPOINT": "http://127.0.0.1:1",
        ]
        let settings = try world.settings(environment: environment, arcTokensFolder: Self.folder)

        let error = try #require(await midkvError { try await world.resolve(settings) })

        #expect(error.code == .identityArcChallengeInvalid)
        #expect(error.evidence("allowed folder") == Self.folder)
        #expect(world.emulator.requests.filter { $0.kind == .arc }.count == 1)
    }
}
