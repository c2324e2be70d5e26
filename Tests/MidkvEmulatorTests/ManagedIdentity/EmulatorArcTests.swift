import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Emulator: the Azure Arc agent's identity endpoint")
struct EmulatorArcTests {
    static let target = "/metadata/identity/oauth2/token?api-version=2020-06-01&resource=https://vault.azure.net"

    private func request(
        _ headers: [(String, String)] = [("Metadata", "true")],
        target: String = target
    )
        -> HTTPServerRequest
    {
        HTTPServerRequest(method: "GET", target: target, headers: HTTPHeaders([("Host", "127.0.0.1:40342")] + headers))
    }

    @Test("the first request is challenged with a fresh 0600 key file in the folder; its content buys one token")
    func challengeAndToken() throws {
        let world = try CredentialWorld()
        defer { world.remove() }

        let challenge = world.emulator.handle(request())
        #expect(challenge.status == 401)
        let header = try #require(challenge.headers["WWW-Authenticate"])
        #expect(header.hasPrefix("Basic realm=\(world.folder.path("tokens"))/"))
        let path = String(header.dropFirst("Basic realm=".count))
        #expect(path.hasSuffix(".key"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let key = try String(contentsOfFile: path, encoding: .utf8)
        #expect(key.count == 64)

        let answer = world.emulator.handle(request([("Metadata", "true"), ("Authorization", "Basic \(key)")]))
        #expect(answer.status == 200)
        let body = try answer.jsonObject()
        #expect(body["expires_in"] as? String == "86399")
        let token = try #require(body["access_token"] as? String)
        #expect(world.emulator.claims(ofToken: token)?.objectID == CredentialWorld.arcObjectID)
        #expect(!FileManager.default.fileExists(atPath: path))

        let replay = world.emulator.handle(request([("Metadata", "true"), ("Authorization", "Basic \(key)")]))
        #expect(replay.status == 401)
        #expect(world.emulator.requests.map(\.kind) == [.arc, .arc, .arc])
        #expect(world.emulator.counters.managedIdentityRequests == 3)
    }

    @Test("no Metadata header, a wrong key, or a user-assigned identity are refused")
    func refusals() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let path = try #require(world.emulator.handle(request()).headers["WWW-Authenticate"]).dropFirst(12)
        let key = try String(contentsOfFile: String(path), encoding: .utf8)

        let noMetadata = world.emulator.handle(request([]))
        let wrongKey = world.emulator.handle(request([("Metadata", "true"), ("Authorization", "Basic 00")]))
        let userAssigned = world.emulator.handle(
            request(
                [("Metadata", "true"), ("Authorization", "Basic \(key)")],
                target: Self.target + "&client_id=\(CredentialWorld.arcClientID)"
            )
        )

        #expect(noMetadata.status == 400)
        #expect(try noMetadata.jsonObject()["error_description"] as? String == "Required metadata header not specified")
        #expect(wrongKey.status == 401)
        #expect(userAssigned.status == 400)
    }

    @Test("without an Arc machine in the seed, loopback metadata requests still reach IMDS")
    func imdsOnLoopback() throws {
        let emulator = try TestWorld.emulator()
        let imdsTarget = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://vault.azure.net"

        let answer = emulator.handle(request(target: imdsTarget))

        #expect(answer.status == 200)
        #expect(emulator.requests.first?.kind == .imds)
    }
}
