import Foundation
import MidkvCrypto
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Emulator: client assertions signed with a registered certificate")
struct EmulatorAssertionTests {
    /// The AADSTS code, OAuth error and status of a refused token request.
    private func refusal(_ response: HTTPServerResponse) throws -> (code: Int, error: String, message: String) {
        let body = try response.jsonObject()
        let codes = try #require(body["error_codes"] as? [Int])
        let description = try #require(body["error_description"] as? String)
        return (codes.first ?? 0, try #require(body["error"] as? String), description)
    }

    @Test("an assertion signed with the registered certificate's key gets a token", arguments: JWSAlgorithm.allCases)
    func accepted(algorithm: JWSAlgorithm) throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let header = try CredentialWorld.header(world.certificatePEM, algorithm: algorithm.rawValue)
        let assertion = try TestJWS.sign(header: header, claims: world.claims(), key: world.key, algorithm: algorithm)

        let response = world.emulator.handle(world.request(assertion: assertion))

        #expect(response.status == 200)
        let token = try #require(try response.jsonObject()["access_token"] as? String)
        #expect(world.emulator.claims(ofToken: token)?.objectID == CredentialWorld.certificateAppObject)
        #expect(world.emulator.claims(ofToken: token)?.appID == CredentialWorld.certificateApp)
    }

    @Test("a tampered assertion fails signature validation: AADSTS700027 with the thumbprint the client named")
    func tampered() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let header = try CredentialWorld.header(world.certificatePEM)
        let signed = try TestJWS.sign(header: header, claims: world.claims(), key: world.key)
        var longer = world.claims()
        longer["exp"] = world.now + 86_400
        let parts = signed.split(separator: ".")
        let tampered = "\(parts[0]).\(try TestJWS.encode(longer)).\(parts[2])"

        let response = world.emulator.handle(world.request(assertion: tampered))

        let refusal = try refusal(response)
        #expect(response.status == 401)
        #expect(refusal.code == 700_027)
        #expect(refusal.error == "invalid_client")
        #expect(refusal.message.contains("The signature does not match the key."))
        let thumbprint = try #require(try CertificateInfo.parse(pem: world.certificatePEM).first).sha256Fingerprint
        #expect(refusal.message.contains("'\(thumbprint.uppercased())'"))
    }

    @Test("a certificate the app does not have is refused with AADSTS700027: the key was not found")
    func unregistered() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let stranger = try TestKeys.rsa(3)
        let certificate = try stranger.selfSignedCertificatePEM(commonName: "not registered")
        let assertion = try TestJWS.sign(
            header: try CredentialWorld.header(certificate),
            claims: world.claims(),
            key: stranger
        )

        let refusal = try refusal(world.emulator.handle(world.request(assertion: assertion)))

        #expect(refusal.code == 700_027)
        #expect(refusal.message.contains("The key was not found."))
        #expect(refusal.message.contains("app '\(CredentialWorld.certificateApp)'"))
    }

    struct ClaimCase: Sendable, CustomTestStringConvertible {
        enum Change: Sendable {
            case text(String)
            case offset(Int)
            case removed
        }

        var name: String
        var claim: String
        var change: Change
        var code: Int

        var testDescription: String { name }
    }

    static let claimCases = [
        ClaimCase(
            name: "another audience",
            claim: "aud",
            change: .text("https://login.microsoftonline.com/common/oauth2/v2.0/token"),
            code: 700_023
        ),
        ClaimCase(name: "expired ten minutes ago", claim: "exp", change: .offset(-600), code: 700_024),
        ClaimCase(name: "valid only in ten minutes", claim: "nbf", change: .offset(600), code: 700_024),
        ClaimCase(
            name: "subject is not the client",
            claim: "sub",
            change: .text("dddddddd-0000-0000-0000-000000000000"),
            code: 700_021
        ),
        ClaimCase(name: "no jti", claim: "jti", change: .removed, code: 50027),
    ]

    @Test("claims that do not fit are refused with their AADSTS code", arguments: claimCases)
    func badClaims(_ claimCase: ClaimCase) throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        var claims = world.claims()
        switch claimCase.change {
        case .text(let text): claims[claimCase.claim] = text
        case .offset(let offset): claims[claimCase.claim] = world.now + offset
        case .removed: claims[claimCase.claim] = nil
        }
        let assertion = try TestJWS.sign(
            header: try CredentialWorld.header(world.certificatePEM),
            claims: claims,
            key: world.key
        )

        let response = world.emulator.handle(world.request(assertion: assertion))

        #expect(response.status == 401)
        #expect(try refusal(response).code == claimCase.code)
    }

    @Test("AADSTS700024 names the current time and the assertion's window; four minutes of skew are forgiven")
    func lifetime() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        var claims = world.claims()
        claims["nbf"] = world.now + 240
        claims["exp"] = world.now + 840
        let skewed = try TestJWS.sign(
            header: try CredentialWorld.header(world.certificatePEM),
            claims: claims,
            key: world.key
        )
        #expect(world.emulator.handle(world.request(assertion: skewed)).status == 200)

        claims["exp"] = world.now - 400
        claims["nbf"] = world.now - 1000
        let stale = try TestJWS.sign(
            header: try CredentialWorld.header(world.certificatePEM),
            claims: claims,
            key: world.key
        )
        let message = try refusal(world.emulator.handle(world.request(assertion: stale))).message
        #expect(message.contains("Current time: 2026-09-21T"))
        #expect(message.contains("expiry time of assertion 2026-09-21T"))
    }

    @Test("an ES256 assertion is refused: Entra ID accepts RSA signatures only")
    func ellipticCurve() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let header = try CredentialWorld.header(world.certificatePEM, algorithm: "ES256")
        let assertion = try TestJWS.encode(header) + "." + TestJWS.encode(world.claims()) + ".c2lnbmF0dXJl"

        let refusal = try refusal(world.emulator.handle(world.request(assertion: assertion)))

        #expect(refusal.code == 5_002_738)
        #expect(refusal.message.contains("'ES256' is not a supported signature algorithm"))
    }

    @Test("a registered certificate past its end date no longer signs in")
    func expiredRegistration() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let assertion = try TestJWS.sign(
            header: try CredentialWorld.header(world.expiredCertificatePEM),
            claims: world.claims(),
            key: world.expiredKey
        )

        let refusal = try refusal(world.emulator.handle(world.request(assertion: assertion)))

        #expect(refusal.code == 700_027)
        #expect(refusal.message.contains("The key used is expired."))
    }

    @Test("a certificate registered by thumbprint only is matched by x5t#S256")
    func thumbprintRegistration() throws {
        let world = try CredentialWorld()
        defer { world.remove() }
        let assertion = try TestJWS.sign(
            header: try CredentialWorld.header(world.certificatePEM),
            claims: world.claims(clientID: CredentialWorld.thumbprintApp),
            key: world.key
        )

        let response = world.emulator.handle(
            world.request(clientID: CredentialWorld.thumbprintApp, assertion: assertion)
        )

        #expect(response.status == 200)
    }

    @Test("an assertion that is not a JWT, or without its type, is refused before any key is looked at")
    func notAJWT() throws {
        let world = try CredentialWorld()
        defer { world.remove() }

        let garbage = try refusal(world.emulator.handle(world.request(assertion: "not-a-jwt")))
        var untyped = world.request(assertion: "x.y.z")
        untyped = TestWorld.tokenRequest(
            tenant: CredentialWorld.tenant,
            fields: [
                ("grant_type", "client_credentials"), ("client_id", CredentialWorld.certificateApp),
                ("client_assertion", "x.y.z"), ("scope", "https://vault.azure.net/.default"),
            ]
        )
        let missingType = try refusal(world.emulator.handle(untyped))

        #expect(garbage.code == 50027)
        #expect(missingType.code == 900_144)
        #expect(missingType.message.contains("'client_assertion_type'"))
    }
}
