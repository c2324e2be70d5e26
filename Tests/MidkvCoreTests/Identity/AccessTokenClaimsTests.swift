import Foundation
import MidkvCore
import MidkvSupport
import Testing

@Suite("Access token claims")
struct AccessTokenClaimsTests {
    @Test("a v1 token's claims are read without verifying the signature")
    func v1Claims() throws {
        let claims = try #require(AccessTokenClaims(decoding: Secret(Canary.token)))

        #expect(claims.tenantID == "11111111-2222-3333-4444-555555555555")
        #expect(claims.objectID == "0a0b0c0d-1111-2222-3333-444455556666")
        #expect(claims.appID == "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
        #expect(claims.audience == "https://vault.azure.net")
        #expect(claims.issuerTenantID == "11111111-2222-3333-4444-555555555555")
        #expect(claims.expiresOn == Date(timeIntervalSince1970: 1_764_766_800))
        #expect(claims.evidence.map(\.label).contains("token app ID (appid)"))
        #expect(!claims.evidence.map(\.value).joined().contains(Canary.marker))
    }

    @Test("a v2 token names its client in azp and may list audiences")
    func v2Claims() throws {
        let token = TestJWT.make(claims: [
            "azp": "bbbbbbbb-0000-0000-0000-000000000001",
            "aud": ["cfa8b339-82a2-471a-a3c9-0fc0be7a4093"],
            "iss": "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
        ])

        let claims = try #require(AccessTokenClaims(decoding: Secret(token)))

        #expect(claims.appID == "bbbbbbbb-0000-0000-0000-000000000001")
        #expect(claims.audience == "cfa8b339-82a2-471a-a3c9-0fc0be7a4093")
        #expect(claims.issuerTenantID == "11111111-2222-3333-4444-555555555555")
        #expect(claims.tenantID == nil)
    }

    @Test("opaque tokens have no claims", arguments: ["redacted", "a.b", "a.!!!.c", ""])
    func opaque(token: String) {
        #expect(AccessTokenClaims(decoding: Secret(token)) == nil)
    }
}
