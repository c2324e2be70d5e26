import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport
import Testing

/// The seed most tests run against, and helpers that speak to an emulator.
enum TestWorld {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let otherTenant = "99999999-8888-7777-6666-555555555555"
    static let clientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let objectID = "a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4"
    static let expiredClientID = "cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let otherClientID = "dddddddd-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let systemIdentityClientID = "51515151-0000-0000-0000-000000000001"
    static let systemIdentityObjectID = "51515151-0000-0000-0000-0000000000aa"
    static let userIdentityClientID = "52525252-0000-0000-0000-000000000002"
    static let userIdentityObjectID = "52525252-0000-0000-0000-0000000000bb"
    static let userIdentityResourceID =
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/rg-mid/providers/"
        + "Microsoft.ManagedIdentity/userAssignedIdentities/id-mid"

    static let clientSecret = "CANARY-client-secret-Xy9~q"
    static let expiredClientSecret = "CANARY-expired-secret-7Qm"
    static let otherClientSecret = "CANARY-other-secret-3Lp"
    static let identityHeader = "CANARY-identity-header-51"
    static let secretValue = #"{"type":"ssh_password","user":"svc-disc","password":"CANARY-pw-1"}"#
    static let olderSecretValue = "CANARY-older-value"
    static let currentVersion = "0123456789abcdef0123456789abcdef"
    static let olderVersion = "fedcba9876543210fedcba9876543210"

    static let vaultHost = "kv-contoso.vault.azure.net"

    static let seedJSON = """
        {
          "tenants": [
            {"id": "\(tenant)", "displayName": "Contoso", "domains": ["contoso.onmicrosoft.com"]},
            {"id": "\(otherTenant)", "displayName": "Fabrikam"}
          ],
          "applications": [
            {"tenant": "\(tenant)", "clientId": "\(clientID)", "objectId": "\(objectID)",
             "displayName": "midkv-discovery",
             "secrets": [{"value": "\(clientSecret)", "expires": "2099-01-01T00:00:00Z"},
                         {"value": "\(expiredClientSecret)", "expires": 1600000000}]},
            {"tenant": "contoso.onmicrosoft.com", "clientId": "\(expiredClientID)",
             "secrets": [{"value": "\(expiredClientSecret)", "expires": "2020-01-01"}]},
            {"tenant": "\(otherTenant)", "clientId": "\(otherClientID)",
             "secrets": [{"value": "\(otherClientSecret)"}]}
          ],
          "managedIdentities": {
            "systemAssigned": {"tenant": "\(tenant)", "clientId": "\(systemIdentityClientID)",
                               "objectId": "\(systemIdentityObjectID)"},
            "userAssigned": [{"tenant": "\(tenant)", "clientId": "\(userIdentityClientID)",
                              "objectId": "\(userIdentityObjectID)", "resourceId": "\(userIdentityResourceID)"}]
          },
          "appService": {
            "identityHeader": "\(identityHeader)",
            "identities": {"systemAssigned": {"tenant": "\(tenant)", "clientId": "\(systemIdentityClientID)",
                                              "objectId": "\(systemIdentityObjectID)"}}
          },
          "vaults": [
            {"name": "kv-contoso", "tenant": "\(tenant)", "region": "eastus",
             "subscriptionId": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "resourceGroup": "rg-mid",
             "grants": [{"principal": "\(objectID)",
                         "permissions": ["get", "list", "set", "delete", "recover", "purge"]},
                        {"principal": "\(userIdentityClientID)", "permissions": ["get"]}],
             "secrets": [
               {"name": "linux-root-ssh", "versions": [
                 {"version": "\(olderVersion)", "value": "\(olderSecretValue)", "created": 1700000000},
                 {"version": "\(currentVersion)", "value": \(jsonString(secretValue)),
                  "contentType": "application/json", "tags": {"owner": "discovery"}, "created": 1700001000}]},
               {"name": "db-password", "versions": [{"value": "CANARY-db"}]},
               {"name": "disabled-secret", "versions": [{"value": "CANARY-disabled", "enabled": false}]}
             ]},
            {"name": "kv-policy", "tenant": "\(tenant)", "authorization": "accessPolicy", "region": "westeurope",
             "grants": [{"principal": "\(systemIdentityObjectID)", "permissions": ["get"]}],
             "secrets": [{"name": "linux-root-ssh", "versions": [{"value": "CANARY-policy"}]}]},
            {"name": "kv-locked", "tenant": "\(tenant)",
             "firewall": {"defaultAction": "Deny", "allowedAddresses": ["203.0.113.0/24"]},
             "grants": [{"principal": "\(clientID)", "permissions": ["get"]}],
             "secrets": [{"name": "linux-root-ssh", "versions": [{"value": "CANARY-locked"}]}]},
            {"name": "kv-gov", "tenant": "\(tenant)", "cloud": "usgov", "region": "usgovvirginia",
             "grants": [{"principal": "\(objectID)", "permissions": ["get"]}],
             "secrets": [{"name": "linux-root-ssh", "versions": [{"value": "CANARY-gov"}]}]}
          ]
        }
        """

    /// Every canary string the world holds; none may appear in logs or records.
    static let canaries = [
        clientSecret, expiredClientSecret, otherClientSecret, identityHeader, "CANARY-pw-1", olderSecretValue,
        "CANARY-db", "CANARY-disabled", "CANARY-policy", "CANARY-locked", "CANARY-gov",
    ]

    static func seed() throws -> EmulatorSeed {
        try EmulatorSeed.decode(Data(seedJSON.utf8))
    }

    static func emulator(clock: EmulatorClock = .system, logger: Logger = .disabled) throws -> Emulator {
        Emulator(seed: try seed(), clock: clock, logger: logger)
    }

    static func jsonString(_ text: String) -> String {
        JSONValueText.quote(text)
    }
}

/// Quoting a string as JSON text, for building seeds.
enum JSONValueText {
    static func quote(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

// MARK: - Requests

extension TestWorld {
    static func form(_ fields: [(String, String)]) -> Data {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return Data(text.joined(separator: "&").utf8)
    }

    static func tokenRequest(
        tenant: String = TestWorld.tenant,
        fields: [(String, String)],
        host: String = "login.microsoftonline.com",
        path: String? = nil,
        method: String = "POST",
        headers: [(String, String)] = []
    ) -> HTTPServerRequest {
        HTTPServerRequest(
            method: method,
            target: path ?? "/\(tenant)/oauth2/v2.0/token",
            headers: HTTPHeaders([("Host", host), ("Content-Type", "application/x-www-form-urlencoded")] + headers),
            body: form(fields),
            isTLS: true
        )
    }

    static func clientCredentials(
        clientID: String = TestWorld.clientID,
        secret: String = TestWorld.clientSecret,
        scope: String = "https://vault.azure.net/.default"
    ) -> [(String, String)] {
        [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", secret), ("scope", scope)]
    }

    static func vaultRequest(
        _ target: String,
        token: String? = nil,
        host: String = TestWorld.vaultHost,
        remoteAddress: String = "127.0.0.1:50312",
        headers: [(String, String)] = []
    ) -> HTTPServerRequest {
        vaultRequest("GET", target, token: token, host: host, remoteAddress: remoteAddress, headers: headers)
    }

    static func vaultRequest(
        _ method: String,
        _ target: String,
        token: String? = nil,
        host: String = TestWorld.vaultHost,
        body: String? = nil,
        remoteAddress: String = "127.0.0.1:50312",
        headers: [(String, String)] = []
    ) -> HTTPServerRequest {
        var fields = HTTPHeaders([("Host", host)] + headers)
        if let token {
            fields.add("Authorization", "Bearer \(token)")
        }
        return HTTPServerRequest(
            method: method,
            target: target,
            headers: fields,
            body: Data((body ?? "").utf8),
            remoteAddress: remoteAddress,
            isTLS: true
        )
    }

    static func imdsRequest(_ query: String, metadata: Bool = true) -> HTTPServerRequest {
        var headers = HTTPHeaders([("Host", "169.254.169.254")])
        if metadata {
            headers.add("Metadata", "true")
        }
        return HTTPServerRequest(method: "GET", target: "/metadata/identity/oauth2/token?\(query)", headers: headers)
    }
}

extension Emulator {
    /// A token from the v2 endpoint for `clientID`, or a test failure.
    func token(
        clientID: String = TestWorld.clientID,
        secret: String = TestWorld.clientSecret,
        scope: String = "https://vault.azure.net/.default",
        tenant: String = TestWorld.tenant,
        host: String = "login.microsoftonline.com"
    ) throws -> String {
        let fields = TestWorld.clientCredentials(clientID: clientID, secret: secret, scope: scope)
        let response = handle(TestWorld.tokenRequest(tenant: tenant, fields: fields, host: host))
        try #require(response.status == 200, "token request failed: \(response.status)")
        return try #require(try response.jsonObject()["access_token"] as? String)
    }
}

// MARK: - Reading answers

extension HTTPServerResponse {
    func jsonObject() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// `error.code`, `error.message` and `error.innererror.code` of a Key Vault error body.
    func vaultError() throws -> (code: String, message: String, inner: String?) {
        let error = try #require(try jsonObject()["error"] as? [String: Any])
        let inner = (error["innererror"] as? [String: Any])?["code"] as? String
        return (try #require(error["code"] as? String), try #require(error["message"] as? String), inner)
    }
}

enum Recordings {
    /// The entries of a recorded session file (`Entries` array).
    static func entries(_ path: String) throws -> [[String: Any]] {
        let data = try Fixtures.azure(path)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["Entries"] as? [[String: Any]])
    }

    /// The response body of a swagger example for `status`.
    static func swaggerBody(_ path: String, status: String = "200") throws -> [String: Any] {
        let data = try Fixtures.azure("swagger-examples/\(path)")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let responses = try #require(object["responses"] as? [String: Any])
        let response = try #require(responses[status] as? [String: Any])
        return try #require(response["body"] as? [String: Any])
    }
}

extension Dictionary where Key == String {
    var keySet: Set<String> {
        Set(keys)
    }
}

/// Base64URL without padding, for taking tokens apart in tests.
enum Base64URLText {
    static func decode(_ text: String) -> Data? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard)
    }

    static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
