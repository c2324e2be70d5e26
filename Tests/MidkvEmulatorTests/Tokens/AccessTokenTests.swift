import Foundation
import MidkvEmulator
import MidkvHTTPServer
import Testing

@Suite("Access tokens")
struct AccessTokenTests {
    @Test("tokens are HS256 JWTs whose header and payload decode as JSON")
    func shape() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        let parts = token.split(separator: ".").map(String.init)
        #expect(parts.count == 3)

        let header = try #require(Base64URLText.decode(parts[0]))
        let headerObject = try #require(try JSONSerialization.jsonObject(with: header) as? [String: Any])
        #expect(headerObject["alg"] as? String == "HS256")
        let payload = try #require(Base64URLText.decode(parts[1]))
        let payloadObject = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(payloadObject["idtyp"] as? String == "app")
        #expect(payloadObject["tid"] as? String == TestWorld.tenant)
    }

    @Test("issueToken mints tokens the emulator accepts; a tampered token is rejected")
    func issueAndVerify() throws {
        let emulator = try TestWorld.emulator()
        let token = emulator.issueToken(
            tenantID: TestWorld.tenant,
            clientID: TestWorld.clientID,
            objectID: TestWorld.objectID
        )
        #expect(emulator.claims(ofToken: token)?.objectID == TestWorld.objectID)
        let read = TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4", token: token)
        #expect(emulator.handle(read).status == 200)

        var parts = token.split(separator: ".").map(String.init)
        let payload = try #require(Base64URLText.decode(parts[1]))
        let forged = String(decoding: payload, as: UTF8.self)
            .replacingOccurrences(of: TestWorld.objectID, with: TestWorld.systemIdentityObjectID)
        parts[1] = Base64URLText.encode(Data(forged.utf8))
        #expect(emulator.claims(ofToken: parts.joined(separator: ".")) == nil)
    }
}
