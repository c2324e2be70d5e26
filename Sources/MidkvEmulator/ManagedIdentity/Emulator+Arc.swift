import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport
import Synchronization

extension Emulator {
    /// Answers the Azure Arc agent's identity endpoint: `GET /metadata/identity/oauth2/token`
    /// with `Metadata: true`, first with a 401 challenge naming a fresh key file, then, with
    /// `Authorization: Basic <key>`, with a token.
    func arcAnswer(_ request: HTTPServerRequest) -> Answer {
        guard let agent = directory.arcAgent, request.path == "/metadata/identity/oauth2/token" else {
            return Answer(response: Self.imdsError(404, error: "not_found", description: "Not found"), kind: .arc)
        }
        guard request.method == "GET" else {
            let response = Self.imdsError(405, error: "method_not_allowed", description: "Not allowed")
            return Answer(response: response, kind: .arc)
        }
        guard request.headers["Metadata"]?.lowercased() == "true" else {
            let description = "Required metadata header not specified"
            return Answer(response: Self.imdsError(400, error: "invalid_request", description: description), kind: .arc)
        }

        for parameter in ["api-version", "resource"] where (request.query(parameter) ?? "").isEmpty {
            let description = "Required query variable '\(parameter)' is missing"
            return Answer(response: Self.imdsError(400, error: "invalid_request", description: description), kind: .arc)
        }
        guard let authorization = request.headers["Authorization"] else {
            return arcChallenge(agent)
        }
        return arcToken(agent, authorization: authorization, request: request)
    }

    private func arcChallenge(_ agent: Directory.ArcAgent) -> Answer {
        let key = SecureRandom.hex(32)
        let path = URL(fileURLWithPath: agent.keyFolder)
            .appendingPathComponent("\(UUID().uuidString.lowercased()).key").path
        guard (try? FileWriter.write(Data(key.utf8), to: path, permissions: 0o600)) != nil else {
            let description = "The agent could not write its key file into \(agent.keyFolder)"
            return Answer(response: Self.imdsError(500, error: "server_error", description: description), kind: .arc)
        }

        state.withLock { $0.arcKeys[path] = key }
        var headers = Self.imdsHeaders
        headers.add("WWW-Authenticate", "Basic realm=\(path)")
        let body = JSONValue.object([
            "error": .string("unauthorized_client"),
            "error_description": .string("A key file was written; send its content in the Authorization header"),
        ])
        return Answer(response: HTTPServerResponse(status: 401, headers: headers, body: body.data), kind: .arc)
    }

    private func arcToken(_ agent: Directory.ArcAgent, authorization: String, request: HTTPServerRequest) -> Answer {
        let presented = authorization.hasPrefix("Basic ") ? Array(authorization.dropFirst(6).utf8) : []
        let usedPath = state.withLock { state -> String? in
            let match = state.arcKeys.first { Digest.constantTimeEquals(Array($0.value.utf8), presented) }?.key
            if let match {
                state.arcKeys[match] = nil
            }
            return match
        }
        guard let usedPath else {
            let description = "The key in the Authorization header does not match a key file of this agent"
            return Answer(
                response: Self.imdsError(401, error: "unauthorized_client", description: description),
                kind: .arc
            )
        }
        try? FileManager.default.removeItem(atPath: usedPath)

        if request.query("client_id") != nil || request.query("object_id") != nil || request.query("msi_res_id") != nil
        {
            let description = "Azure Arc supports only the machine's system-assigned identity"
            return Answer(response: Self.imdsError(400, error: "invalid_request", description: description), kind: .arc)
        }
        return arcSuccess(agent.principal, resource: request.query("resource") ?? "")
    }

    private func arcSuccess(_ identity: Directory.Principal, resource: String) -> Answer {
        guard let cloud = AzureCloud.forResource(resource) else {
            let directoryName = directory.tenant(identity.tenantID)?.displayName ?? identity.tenantID
            let error = EntraError.resourceNotFound(resource: resource, directory: directoryName)
            let description = "AADSTS\(error.code): \(error.message)"
            let response = Self.imdsError(400, error: error.oauthError, description: description)
            return Answer(response: response, kind: .arc, principal: identity.objectID)
        }

        let lifetime = directory.managedIdentityTokenLifetime
        let (token, claims) = mintToken(identity, audience: resource, cloud: cloud, lifetime: lifetime)
        let body = JSONValue.object([
            "access_token": .string(token),
            "expires_in": .string(String(lifetime)),
            "expires_on": .string(String(claims.expires)),
            "ext_expires_in": .string(String(lifetime)),
            "not_before": .string(String(claims.notBefore)),
            "resource": .string(resource),
            "token_type": .string("Bearer"),
        ])
        let response = HTTPServerResponse(status: 200, headers: Self.imdsHeaders, body: body.data)
        return Answer(response: response, kind: .arc, principal: identity.objectID, tokenIssued: true)
    }
}
