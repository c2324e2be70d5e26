import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Managed identity endpoints: IMDS and App Service")
struct EmulatorManagedIdentityTests {
    static let imdsRecording =
        "recordings/azure-sdk-for-python/identity/test_imds_credential.pyTestImdstest_system_assigned.json"

    @Test("IMDS without the Metadata header answers the recorded 400 body")
    func missingMetadataHeader() throws {
        let recorded = try Recordings.entries(Self.imdsRecording)[0]
        let emulator = try TestWorld.emulator()

        let response = emulator.handle(
            TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net", metadata: false)
        )
        #expect(response.status == recorded["StatusCode"] as? Int)
        #expect(
            NSDictionary(dictionary: try response.jsonObject())
                == NSDictionary(dictionary: try #require(recorded["ResponseBody"] as? [String: Any]))
        )
    }

    @Test("IMDS issues a system-assigned token with the recorded keys, all strings")
    func systemAssigned() throws {
        let recorded = try Recordings.entries(Self.imdsRecording)[1]
        let recordedBody = try #require(recorded["ResponseBody"] as? [String: Any])
        let emulator = try TestWorld.emulator()

        let response = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01&resource=https://vault.azure.net"))
        let body = try response.jsonObject()
        #expect(response.status == 200)
        #expect(body.keySet == recordedBody.keySet)
        #expect(body.values.allSatisfy { $0 is String })
        #expect(body["client_id"] as? String == TestWorld.systemIdentityClientID)
        #expect(body["expires_in"] as? String == "86399")

        let token = try #require(body["access_token"] as? String)
        let claims = try #require(emulator.claims(ofToken: token))
        #expect(claims.objectID == TestWorld.systemIdentityObjectID)
        #expect(claims.audience == "https://vault.azure.net")
    }

    @Test("IMDS selects a user-assigned identity by client_id, object_id or msi_res_id")
    func userAssigned() throws {
        let emulator = try TestWorld.emulator()
        let base = "api-version=2018-02-01&resource=https://vault.azure.net"
        let resourceID =
            TestWorld.userIdentityResourceID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""

        for selector in [
            "client_id=\(TestWorld.userIdentityClientID)", "object_id=\(TestWorld.userIdentityObjectID)",
            "msi_res_id=\(resourceID)",
        ] {
            let body = try emulator.handle(TestWorld.imdsRequest("\(base)&\(selector)")).jsonObject()
            #expect(body["client_id"] as? String == TestWorld.userIdentityClientID)
            let token = try #require(body["access_token"] as? String)
            let claims = try #require(emulator.claims(ofToken: token))
            #expect(claims.objectID == TestWorld.userIdentityObjectID)
            #expect(claims.managedIdentityResourceID == TestWorld.userIdentityResourceID)
        }
    }

    @Test("IMDS answers 400 Identity not found for an identity the machine does not have")
    func identityNotFound() throws {
        let emulator = try TestWorld.emulator()
        let response = emulator.handle(
            TestWorld.imdsRequest(
                "api-version=2018-02-01&resource=https://vault.azure.net&client_id=\(TestWorld.clientID)"
            )
        )

        #expect(response.status == 400)
        #expect(response.text == #"{"error":"invalid_request","error_description":"Identity not found"}"#)
    }

    @Test("IMDS on a machine with no identity, or several user-assigned ones and no selector, refuses")
    func ambiguousOrMissingIdentity() throws {
        let identity = { (client: String) in
            EmulatorSeed.ManagedIdentity(tenant: TestWorld.tenant, clientID: client, objectID: client)
        }
        let bare = Emulator(seed: EmulatorSeed(tenants: [.init(id: TestWorld.tenant)]))
        let crowded = Emulator(
            seed: EmulatorSeed(
                tenants: [.init(id: TestWorld.tenant)],
                managedIdentities: .init(userAssigned: [
                    identity("11111111-0000-0000-0000-000000000001"), identity("11111111-0000-0000-0000-000000000002"),
                ])
            )
        )
        let query = "api-version=2018-02-01&resource=https://vault.azure.net"

        let missing = try bare.handle(TestWorld.imdsRequest(query)).jsonObject()
        #expect(missing["error_description"] as? String == "Identity not found")
        let ambiguous = try crowded.handle(TestWorld.imdsRequest(query)).jsonObject()
        #expect(
            (ambiguous["error_description"] as? String)?.hasPrefix("Multiple user assigned identities exist") == true
        )
    }

    @Test("IMDS requires resource and refuses unknown resources with AADSTS500011")
    func resourceChecks() throws {
        let emulator = try TestWorld.emulator()
        let missing = emulator.handle(TestWorld.imdsRequest("api-version=2018-02-01"))
        #expect(missing.status == 400)
        #expect(
            try missing.jsonObject()["error_description"] as? String == "Required query variable 'resource' is missing"
        )

        let unknown = emulator.handle(
            TestWorld.imdsRequest("api-version=2018-02-01&resource=https://api.contoso.example")
        )
        let body = try unknown.jsonObject()
        #expect(unknown.status == 400)
        #expect(body["error"] as? String == "invalid_resource")
        #expect((body["error_description"] as? String)?.hasPrefix("AADSTS500011: ") == true)
    }

    @Test("App Service answers with the recorded keys and a date-string expires_on")
    func appServiceSuccess() throws {
        let emulator = try TestWorld.emulator()
        let request = HTTPServerRequest(
            method: "GET",
            target: "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net",
            headers: HTTPHeaders([("Host", "127.0.0.1:41741"), ("X-IDENTITY-HEADER", TestWorld.identityHeader)])
        )

        let response = emulator.handle(request)
        let body = try response.jsonObject()
        #expect(response.status == 200)
        #expect(body.keySet == ["access_token", "expires_on", "resource", "token_type", "client_id"])
        let expiresOn = try #require(body["expires_on"] as? String)
        #expect(expiresOn.wholeMatch(of: /\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \+00:00/) != nil)
        #expect(body["client_id"] as? String == TestWorld.systemIdentityClientID)
    }

    @Test("App Service refuses a missing identity header with 400 and a wrong one with 401")
    func appServiceHeaderCheck() throws {
        let emulator = try TestWorld.emulator()
        let target = "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net"
        let missing = HTTPServerRequest(method: "GET", target: target, headers: HTTPHeaders([("Host", "localhost")]))
        let wrong = HTTPServerRequest(
            method: "GET",
            target: target,
            headers: HTTPHeaders([("Host", "localhost"), ("X-IDENTITY-HEADER", "CANARY-wrong-header")])
        )

        #expect(emulator.handle(missing).status == 400)
        let refused = emulator.handle(wrong)
        #expect(refused.status == 401)
        #expect(!refused.text.contains("CANARY"))
        #expect(try refused.jsonObject().keySet == ["statusCode", "message", "correlationId"])
    }

    @Test("App Service refuses an identity the app does not have")
    func appServiceUnknownIdentity() throws {
        let emulator = try TestWorld.emulator()
        let request = HTTPServerRequest(
            method: "GET",
            target:
                "/msi/token?api-version=2019-08-01&resource=https://vault.azure.net&client_id=\(TestWorld.clientID)",
            headers: HTTPHeaders([("Host", "localhost"), ("X-IDENTITY-HEADER", TestWorld.identityHeader)])
        )

        let response = emulator.handle(request)
        #expect(response.status == 400)
        #expect(try response.jsonObject()["message"] as? String == "Unable to load the proper Managed Identity.")
    }
}
