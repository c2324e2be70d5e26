import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

@Suite("Key Vault secrets: reads, writes and lists")
struct EmulatorKeyVaultTests {
    static let setGetRecording = "recordings/azure-sdk-for-go/azsecrets/TestSetGetSecret.json"

    @Test("an unauthenticated request gets the recorded challenge: status, WWW-Authenticate, body and headers")
    func challenge() throws {
        let recorded = try Recordings.entries(Self.setGetRecording)[0]
        let recordedHeaders = try #require(recorded["ResponseHeaders"] as? [String: String])
        let recordedBody = try #require(recorded["ResponseBody"] as? [String: Any])
        let recordedError = try #require(recordedBody["error"] as? [String: Any])
        let emulator = try TestWorld.emulator()

        let response = emulator.handle(TestWorld.vaultRequest("PUT", "/secrets/secret3379360089?api-version=7.3"))
        #expect(response.status == recorded["StatusCode"] as? Int)
        let challenge = try #require(response.headers["WWW-Authenticate"])
        let recordedChallenge = try #require(recordedHeaders["WWW-Authenticate"])
        #expect(
            challenge.replacingOccurrences(of: TestWorld.tenant, with: "72f988bf-86f1-41af-91ab-2d7cd011db47")
                == recordedChallenge
        )

        let error = try #require(try response.jsonObject()["error"] as? [String: Any])
        #expect(error.keySet == recordedError.keySet)
        #expect(error["code"] as? String == recordedError["code"] as? String)
        #expect(error["message"] as? String == recordedError["message"] as? String)

        let serverAdded: Set<String> = ["date", "content-length"]
        let expectedNames = Set(recordedHeaders.keys.map { $0.lowercased() }).subtracting(serverAdded)
        #expect(expectedNames.isSubset(of: Set(response.headers.map { $0.name.lowercased() })))
    }

    @Test("a US Government vault challenges with its own login host and resource")
    func sovereignChallenge() throws {
        let emulator = try TestWorld.emulator()
        let response = emulator.handle(
            TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4", host: "kv-gov.vault.usgovcloudapi.net")
        )

        #expect(response.status == 401)
        let authority = "https://login.microsoftonline.us/\(TestWorld.tenant)"
        let expected = #"Bearer authorization="\#(authority)", resource="https://vault.usgovcloudapi.net""#
        #expect(response.headers["WWW-Authenticate"] == expected)
    }

    @Test("GET returns the current version with the swagger example's keys, with or without trailing slash")
    func getLatest() throws {
        let example = try Recordings.swaggerBody("secrets-2025-07-01/GetSecret-example.json")
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        for target in ["/secrets/linux-root-ssh?api-version=7.4", "/secrets/linux-root-ssh/?api-version=7.4"] {
            let response = emulator.handle(TestWorld.vaultRequest(target, token: token))
            let body = try response.jsonObject()
            #expect(response.status == 200)
            #expect(
                body.keySet.subtracting(["contentType", "tags"]) == example.keySet.subtracting(["previousVersion"])
            )
            #expect(body["value"] as? String == TestWorld.secretValue)
            #expect(
                body["id"] as? String
                    == "https://\(TestWorld.vaultHost)/secrets/linux-root-ssh/\(TestWorld.currentVersion)"
            )
            #expect(body["contentType"] as? String == "application/json")
            #expect(body["tags"] as? [String: String] == ["owner": "discovery"])
        }
    }

    @Test("attributes carry integer Unix times, Recoverable+Purgeable and 90 recoverable days")
    func attributes() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        let response = emulator.handle(TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4", token: token))
        let attributes = try #require(try response.jsonObject()["attributes"] as? [String: Any])

        #expect(attributes["enabled"] as? Bool == true)
        #expect(attributes["created"] as? Int == 1_700_001_000)
        #expect(attributes["updated"] as? Int == 1_700_001_000)
        #expect(attributes["recoveryLevel"] as? String == "Recoverable+Purgeable")
        #expect(attributes["recoverableDays"] as? Int == 90)
    }

    @Test("GET by version returns that version; names compare without case")
    func getVersionAndCase() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let older = emulator.handle(
            TestWorld.vaultRequest("/secrets/linux-root-ssh/\(TestWorld.olderVersion)?api-version=7.4", token: token)
        )
        #expect(try older.jsonObject()["value"] as? String == TestWorld.olderSecretValue)

        let shouted = emulator.handle(TestWorld.vaultRequest("/secrets/LINUX-Root-SSH?api-version=7.4", token: token))
        #expect(shouted.status == 200)
        #expect((try shouted.jsonObject()["id"] as? String)?.contains("/secrets/linux-root-ssh/") == true)
    }

    @Test("PUT creates a new 32-hex version with the swagger example's keys and it becomes current")
    func setSecret() throws {
        let example = try Recordings.swaggerBody("secrets-2025-07-01/SetSecret-example.json")
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        let body =
            #"{"value":"CANARY-new","contentType":"text/plain","tags":{"a":"b"},"attributes":{"exp":1900000000}}"#

        let response = emulator.handle(
            TestWorld.vaultRequest("PUT", "/secrets/linux-root-ssh?api-version=7.4", token: token, body: body)
        )
        let created = try response.jsonObject()
        #expect(response.status == 200)
        #expect(created.keySet.subtracting(["contentType", "tags"]) == example.keySet.subtracting(["previousVersion"]))
        let id = try #require(created["id"] as? String)
        let version = String(try #require(id.split(separator: "/").last))
        #expect(version.wholeMatch(of: /[0-9a-f]{32}/) != nil)
        #expect((created["attributes"] as? [String: Any])?["exp"] as? Int == 1_900_000_000)

        let current = emulator.handle(TestWorld.vaultRequest("/secrets/linux-root-ssh?api-version=7.4", token: token))
        #expect(try current.jsonObject()["value"] as? String == "CANARY-new")
    }

    @Test("PUT of a new name creates the secret; a body without value is a BadParameter")
    func setNewAndInvalid() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let created = emulator.handle(
            TestWorld.vaultRequest("PUT", "/secrets/New-Secret?api-version=7.4", token: token, body: #"{"value":"v"}"#)
        )
        #expect((try created.jsonObject()["id"] as? String)?.contains("/secrets/New-Secret/") == true)

        let invalid = emulator.handle(
            TestWorld.vaultRequest("PUT", "/secrets/other?api-version=7.4", token: token, body: #"{"contentType":"x"}"#)
        )
        #expect(invalid.status == 400)
        #expect(try invalid.vaultError().code == "BadParameter")
    }

    @Test("PATCH updates attributes, content type and tags and answers without the value")
    func updateSecret() throws {
        let example = try Recordings.swaggerBody("secrets-2025-07-01/UpdateSecret-example.json")
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        let body = #"{"tags":{"mytag":"myvalue"},"contentType":"myContentType","attributes":{"enabled":false}}"#

        let response = emulator.handle(
            TestWorld.vaultRequest("PATCH", "/secrets/db-password/?api-version=7.4", token: token, body: body)
        )
        let updated = try response.jsonObject()
        #expect(response.status == 200)
        #expect(updated.keySet == example.keySet)
        #expect(updated["contentType"] as? String == "myContentType")
        #expect((updated["attributes"] as? [String: Any])?["enabled"] as? Bool == false)
    }

    @Test("GET /secrets pages with maxresults, an absolute :443 nextLink with $skiptoken, and null at the end")
    func listPaging() throws {
        let example = try Recordings.swaggerBody("secrets-2025-07-01/GetSecrets-example.json")
        let exampleItem = try #require((example["value"] as? [[String: Any]])?.first)
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        var target: String? = "/secrets?api-version=7.4&maxresults=1"
        var names: [String] = []
        var links: [String] = []
        while let next = target {
            let page = try emulator.handle(TestWorld.vaultRequest(next, token: token)).jsonObject()
            #expect(page.keySet == example.keySet)
            let items = try #require(page["value"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(
                items.allSatisfy {
                    $0.keySet.subtracting(["tags"]).isSubset(of: exampleItem.keySet) && $0["value"] == nil
                }
            )
            names += items.compactMap { ($0["id"] as? String)?.components(separatedBy: "/").last }

            let link = page["nextLink"] as? String
            links += link.map { [$0] } ?? []
            target = link.map { String($0.dropFirst("https://\(TestWorld.vaultHost):443".count)) }
            #expect(link != nil || page["nextLink"] is NSNull)
        }

        #expect(names == ["db-password", "disabled-secret", "linux-root-ssh"])
        #expect(links.count == 2)
        #expect(
            links.allSatisfy { $0.hasPrefix("https://\(TestWorld.vaultHost):443/secrets?api-version=7.4&$skiptoken=") }
        )
        #expect(links.allSatisfy { $0.hasSuffix("&maxresults=1") })
    }

    @Test("GET /secrets/{name}/versions lists versioned IDs with the swagger example's keys")
    func listVersions() throws {
        let example = try Recordings.swaggerBody("secrets-2025-07-01/GetSecretVersions-example.json")
        let exampleItem = try #require((example["value"] as? [[String: Any]])?.first)
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        let page = try emulator.handle(
            TestWorld.vaultRequest("/secrets/linux-root-ssh/versions?api-version=7.4", token: token)
        ).jsonObject()
        let items = try #require(page["value"] as? [[String: Any]])
        #expect(page["nextLink"] is NSNull)
        #expect(items.count == 2)
        #expect(items[0].keySet == exampleItem.keySet)
        #expect(
            items.map { $0["id"] as? String }
                == [TestWorld.olderVersion, TestWorld.currentVersion].map {
                    "https://\(TestWorld.vaultHost)/secrets/linux-root-ssh/\($0)"
                }
        )
    }

    @Test("maxresults outside 1...25 and a forged $skiptoken are BadParameter")
    func badPaging() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()

        for query in ["maxresults=26", "maxresults=0", "$skiptoken=not-a-token"] {
            let response = emulator.handle(TestWorld.vaultRequest("/secrets?api-version=7.4&\(query)", token: token))
            #expect(response.status == 400)
            #expect(try response.vaultError().code == "BadParameter")
        }
    }

    @Test("DELETE soft-deletes: the secret is gone, the deleted bundle is there, PUT conflicts, purge removes it")
    func deleteLifecycle() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        let request = { (method: String, target: String) in
            emulator.handle(
                TestWorld.vaultRequest(method, target + "?api-version=7.4", token: token, body: #"{"value":"x"}"#)
            )
        }

        let deleted = try request("DELETE", "/secrets/db-password").jsonObject()
        #expect(deleted["recoveryId"] as? String == "https://\(TestWorld.vaultHost)/deletedsecrets/db-password")
        #expect(deleted["value"] == nil)
        #expect(request("GET", "/secrets/db-password").status == 404)
        #expect(request("GET", "/deletedsecrets/db-password").status == 200)

        let conflict = request("PUT", "/secrets/db-password")
        #expect(conflict.status == 409)
        #expect(try conflict.vaultError().inner == "ObjectIsDeletedButRecoverable")
        #expect(request("DELETE", "/deletedsecrets/db-password").status == 204)
        #expect(
            try request("GET", "/deletedsecrets/db-password").vaultError().message
                == "Deleted Secret not found: db-password"
        )
    }

    @Test("a vault keeping deleted secrets 7 days answers as the recorded one: level, days and purge date")
    func shortRetention() throws {
        let recorded = try Recordings.entries("recordings/azure-sdk-for-go/azsecrets/TestSetGetSecret.json")[3]
        let recordedBody = try #require(recorded["ResponseBody"] as? [String: Any])
        let recordedAttributes = try #require(recordedBody["attributes"] as? [String: Any])
        var seed = try TestWorld.seed()
        seed.vaults[0].softDeleteRetentionDays = 7
        let emulator = Emulator(seed: seed)
        let token = try emulator.token()

        let read = emulator.handle(TestWorld.vaultRequest("/secrets/db-password?api-version=7.3", token: token))
        let deleted = emulator.handle(
            TestWorld.vaultRequest("DELETE", "/secrets/db-password?api-version=7.3", token: token)
        )
        let body = try deleted.jsonObject()
        let attributes = try #require(body["attributes"] as? [String: Any])
        #expect(attributes["recoveryLevel"] as? String == "CustomizedRecoverable+Purgeable")
        #expect(attributes["recoveryLevel"] as? String == recordedAttributes["recoveryLevel"] as? String)
        #expect(attributes["recoverableDays"] as? Int == recordedAttributes["recoverableDays"] as? Int)
        let readAttributes = try #require(try read.jsonObject()["attributes"] as? [String: Any])
        #expect(readAttributes["recoverableDays"] as? Int == 7)

        let window = try #require(body["scheduledPurgeDate"] as? Int) - (try #require(body["deletedDate"] as? Int))
        let recordedWindow =
            try #require(recordedBody["scheduledPurgeDate"] as? Int)
            - (try #require(recordedBody["deletedDate"] as? Int))
        #expect(window == 7 * 86_400)
        #expect(window == recordedWindow)
    }

    @Test("answers carry Key Vault's headers, echo x-ms-client-request-id and name the client address")
    func headers() throws {
        let emulator = try TestWorld.emulator()
        let token = try emulator.token()
        let request = TestWorld.vaultRequest(
            "/secrets/linux-root-ssh?api-version=7.4",
            token: token,
            remoteAddress: "127.0.0.1:61000",
            headers: [("x-ms-client-request-id", "a91de568-0525-4737-5427-b246d277a96c")]
        )

        let headers = emulator.handle(request).headers
        #expect(headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(headers["Cache-Control"] == "no-cache")
        #expect(headers["Pragma"] == "no-cache")
        #expect(headers["Expires"] == "-1")
        #expect(headers["Strict-Transport-Security"] == "max-age=31536000;includeSubDomains")
        #expect(headers["X-Content-Type-Options"] == "nosniff")
        #expect(headers["x-ms-client-request-id"] == "a91de568-0525-4737-5427-b246d277a96c")
        #expect(headers["x-ms-keyvault-region"] == "eastus")
        #expect(headers["x-ms-keyvault-service-version"] != nil)
        #expect(headers["x-ms-request-id"].map(Self.isGUID) == true)
        #expect(headers["x-ms-keyvault-network-info"] == "conn_type=Ipv4;addr=127.0.0.1;act_addr_fam=InterNetwork;")
    }

    @Test("an unknown vault host gets a plain-text 404 saying the seed has no such vault")
    func unknownVault() throws {
        let emulator = try TestWorld.emulator()
        let response = emulator.handle(
            TestWorld.vaultRequest("/secrets/x?api-version=7.4", host: "kv-missing.vault.azure.net")
        )

        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.text.contains("the seed has no vault named 'kv-missing'"))
    }

    static func isGUID(_ text: String) -> Bool {
        text.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil
    }
}
