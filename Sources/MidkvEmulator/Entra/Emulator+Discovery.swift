import Foundation
import MidkvHTTPServer

extension Emulator {
    /// `GET /common/discovery/instance`: the tenant discovery endpoint and the cloud alias table.
    func instanceDiscovery(_ request: HTTPServerRequest, host: String) -> HTTPServerResponse {
        let endpoint = request.query("authorization_endpoint").flatMap { URL(string: $0) }
        guard let endpoint, let authority = endpoint.host?.lowercased(), AzureCloud.forLoginHost(authority) != nil
        else {
            return entraErrorResponse(.unknownInstance, host: host, request: request)
        }

        let tenant = endpoint.pathComponents.dropFirst().first ?? "common"
        let body = JSONValue.object([
            "tenant_discovery_endpoint": .string(
                "https://\(authority)/\(tenant)/v2.0/.well-known/openid-configuration"
            ),
            "api-version": .string("1.1"),
            "metadata": .array(Self.aliasTable),
        ])
        let headers = entraHeaders(request, requestID: Identifiers.randomGUID(), cacheControl: "max-age=86400, private")
        return HTTPServerResponse(status: 200, headers: headers, body: body.data)
    }

    /// `GET /{tenant}/v2.0/.well-known/openid-configuration` (or the v1 form without `v2.0`).
    func openIDConfiguration(
        _ request: HTTPServerRequest,
        tenant segment: String,
        cloud: AzureCloud,
        host: String,
        v2: Bool
    ) -> HTTPServerResponse {
        let tenantID: String
        if ["common", "organizations", "consumers"].contains(segment.lowercased()) {
            tenantID = "{tenantid}"
        } else {
            do {
                tenantID = try resolveTenant(segment).id
            } catch {
                return entraErrorResponse(error, host: host, request: request)
            }
        }

        let body = openIDDocument(tenantID: tenantID, cloud: cloud, host: host, v2: v2)
        let headers = entraHeaders(request, requestID: Identifiers.randomGUID(), cacheControl: "max-age=86400, private")
        return HTTPServerResponse(status: 200, headers: headers, body: body.data)
    }

    private func openIDDocument(tenantID: String, cloud: AzureCloud, host: String, v2: Bool) -> JSONValue {
        let base = "https://\(host)/\(tenantID)"
        let oauth = v2 ? "\(base)/oauth2/v2.0" : "\(base)/oauth2"
        let issuer = v2 ? "\(base)/v2.0" : cloud.issuer(tenant: tenantID)
        let strings: ([String]) -> JSONValue = { .array($0.map(JSONValue.string)) }
        return .object([
            "token_endpoint": .string("\(oauth)/token"),
            "token_endpoint_auth_methods_supported": strings([
                "client_secret_post", "private_key_jwt", "client_secret_basic",
            ]),
            "jwks_uri": .string("\(base)/discovery/\(v2 ? "v2.0/" : "")keys"),
            "response_modes_supported": strings(["query", "fragment", "form_post"]),
            "subject_types_supported": strings(["pairwise"]),
            "id_token_signing_alg_values_supported": strings(["RS256"]),
            "response_types_supported": strings(["code", "id_token", "code id_token", "id_token token"]),
            "scopes_supported": strings(["openid", "profile", "email", "offline_access"]),
            "issuer": .string(issuer),
            "request_uri_parameter_supported": .bool(false),
            "userinfo_endpoint": .string("https://\(cloud.graphHost)/oidc/userinfo"),
            "authorization_endpoint": .string("\(oauth)/authorize"),
            "device_authorization_endpoint": .string("\(oauth)/devicecode"),
            "http_logout_supported": .bool(true),
            "frontchannel_logout_supported": .bool(true),
            "end_session_endpoint": .string("\(oauth)/logout"),
            "claims_supported": strings(Self.claimsSupported),
            "kerberos_endpoint": .string("\(base)/kerberos"),
            "tenant_region_scope": .string("NA"),
            "cloud_instance_name": .string(cloud.cloudInstanceName),
            "cloud_graph_host_name": .string(cloud.legacyGraphHost),
            "msgraph_host": .string(cloud.graphHost),
            "rbac_url": .string(cloud.rbacURL),
        ])
    }

    private static let claimsSupported = [
        "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host",
        "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash",
        "c_hash", "email",
    ]

    /// The login host aliases of every cloud, as instance discovery lists them.
    private static let aliasTable: [JSONValue] = {
        let entries: [(network: String, cache: String, aliases: [String])] = [
            (
                "login.microsoftonline.com", "login.windows.net",
                ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"]
            ),
            (
                "login.partner.microsoftonline.cn", "login.partner.microsoftonline.cn",
                ["login.partner.microsoftonline.cn", "login.chinacloudapi.cn"]
            ),
            ("login.microsoftonline.de", "login.microsoftonline.de", ["login.microsoftonline.de"]),
            (
                "login.microsoftonline.us", "login.microsoftonline.us",
                ["login.microsoftonline.us", "login.usgovcloudapi.net"]
            ),
            ("login-us.microsoftonline.com", "login-us.microsoftonline.com", ["login-us.microsoftonline.com"]),
        ]
        return entries.map { entry in
            .object([
                "preferred_network": .string(entry.network),
                "preferred_cache": .string(entry.cache),
                "aliases": .array(entry.aliases.map(JSONValue.string)),
            ])
        }
    }()
}
