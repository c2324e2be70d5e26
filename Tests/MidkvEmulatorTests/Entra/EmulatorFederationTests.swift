import Foundation
import MidkvCrypto
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import Testing

@Suite("Emulator: federated tokens (workload identity)")
struct EmulatorFederationTests {
    private func code(_ response: HTTPServerResponse) throws -> (Int, String) {
        let body = try response.jsonObject()
        let codes = try #require(body["error_codes"] as? [Int])
        return (codes.first ?? 0, try #require(body["error_description"] as? String))
    }

    @Test("a token the emulator signs as the cluster's issuer signs the federated app in")
    func ownIssuer() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let token = try #require(
            world.emulator.issueWorkloadToken(issuer: CredentialWorld.clusterIssuer, subject: CredentialWorld.subject)
        )

        let response = world.emulator.handle(world.request(clientID: CredentialWorld.federatedApp, assertion: token))

        #expect(response.status == 200)
        let parts = token.split(separator: ".")
        let payload = try #require(Base64URL.decode(parts[1]))
        let claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(claims["aud"] as? [String] == ["api://AzureADTokenExchange"])
        #expect(claims["iss"] as? String == CredentialWorld.clusterIssuer)
    }

    @Test("a token signed elsewhere with a seeded issuer's key is accepted; another key fails with AADSTS50027")
    func foreignIssuer() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        var claims: [String: Any] = [
            "iss": CredentialWorld.foreignIssuer, "sub": "repo:contoso/mid:main", "aud": "api://AzureADTokenExchange",
            "nbf": world.now, "exp": world.now + 300,
        ]
        let header: [String: Any] = ["alg": "RS256", "typ": "JWT"]
        let good = try TestJWS.sign(header: header, claims: claims, key: world.issuerKey)
        claims["jti"] = "other"
        let forged = try TestJWS.sign(header: header, claims: claims, key: world.key)

        let accepted = world.emulator.handle(world.request(clientID: CredentialWorld.federatedApp, assertion: good))
        let refused = world.emulator.handle(world.request(clientID: CredentialWorld.federatedApp, assertion: forged))

        #expect(accepted.status == 200)
        #expect(refused.status == 400)
        #expect(try code(refused).0 == 50027)
        #expect(try code(refused).1.contains("failed signature verification"))
        #expect(world.emulator.issueWorkloadToken(issuer: CredentialWorld.foreignIssuer, subject: "x") == nil)
    }

    @Test("another subject or audience finds no federated credential: AADSTS70021 names all three")
    func noMatch() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let otherSubject = try #require(
            world.emulator.issueWorkloadToken(
                issuer: CredentialWorld.clusterIssuer,
                subject: "system:serviceaccount:default:default"
            )
        )
        let otherAudience = try #require(
            world.emulator.issueWorkloadToken(
                issuer: CredentialWorld.clusterIssuer,
                subject: CredentialWorld.subject,
                audience: "api://other"
            )
        )

        let (subjectCode, message) = try code(
            world.emulator.handle(world.request(clientID: CredentialWorld.federatedApp, assertion: otherSubject))
        )
        let (audienceCode, _) = try code(
            world.emulator.handle(world.request(clientID: CredentialWorld.federatedApp, assertion: otherAudience))
        )

        #expect(subjectCode == 70021)
        #expect(audienceCode == 70021)
        #expect(message.contains("Assertion Issuer: '\(CredentialWorld.clusterIssuer)'"))
        #expect(message.contains("Assertion Subject: 'system:serviceaccount:default:default'"))
        #expect(message.contains("Assertion Audience: 'api://AzureADTokenExchange'"))
    }

    @Test("a token from an issuer the app does not trust gets AADSTS700211; an expired one AADSTS700024")
    func issuerAndExpiry() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let expired = try #require(
            world.emulator.issueWorkloadToken(
                issuer: CredentialWorld.clusterIssuer,
                subject: CredentialWorld.subject,
                lifetime: -3600
            )
        )
        let untrusted = try #require(
            world.emulator.issueWorkloadToken(issuer: CredentialWorld.clusterIssuer, subject: CredentialWorld.subject)
        )

        let expiredAnswer = world.emulator.handle(
            world.request(clientID: CredentialWorld.federatedApp, assertion: expired)
        )
        let untrustedAnswer = world.emulator.handle(
            world.request(clientID: CredentialWorld.certificateApp, assertion: untrusted)
        )

        #expect(try code(expiredAnswer).0 == 700_024)
        #expect(try code(untrustedAnswer).0 == 700_211)
        #expect(try code(untrustedAnswer).1.contains("issuer '\(CredentialWorld.clusterIssuer)'"))
    }
}
