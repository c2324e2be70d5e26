import Foundation
import MidkvCrypto
import MidkvHTTPServer

extension Emulator {
    /// The two generations of the Entra token endpoint.
    enum TokenEndpointVersion {
        /// `/{tenant}/oauth2/token`, with `resource`.
        case v1
        /// `/{tenant}/oauth2/v2.0/token`, with `scope`.
        case v2
    }

    /// A successful client-credentials grant: who gets the token, for what.
    private struct Grant {
        var principal: Directory.Principal
        var resource: String
    }

    /// Answers a token request with a token or the AADSTS error the real endpoint would give.
    func tokenAnswer(
        _ request: HTTPServerRequest,
        tenant: String,
        cloud: AzureCloud,
        host: String,
        version: TokenEndpointVersion
    ) -> Answer {
        do {
            let grant = try clientCredentialsGrant(
                request,
                tenant: tenant,
                cloud: cloud,
                version: version,
                audiences: Self.tokenEndpointAudiences(request, loginHost: host)
            )
            let response = tokenResponse(grant, cloud: cloud, request: request, version: version)
            return Answer(response: response, kind: .token, principal: grant.principal.objectID, tokenIssued: true)
        } catch {
            return Answer(response: entraErrorResponse(error, host: host, request: request), kind: .token)
        }
    }

    private func clientCredentialsGrant(
        _ request: HTTPServerRequest,
        tenant segment: String,
        cloud: AzureCloud,
        version: TokenEndpointVersion,
        audiences: [String]
    ) throws(EntraError) -> Grant {
        guard request.method == "POST" else {
            throw .postOnly(method: request.method)
        }
        let tenant = try resolveTenant(segment)
        let form = FormBody(request.body)

        guard let grantType = form["grant_type"] else {
            throw .missingParameter("grant_type")
        }
        guard grantType == "client_credentials" else {
            throw .unsupportedGrant(grantType)
        }

        let clientID = try requireClientID(form)
        let resource = try requestedResource(form, version: version)
        if let resourceCloud = AzureCloud.forResource(resource), resourceCloud != cloud {
            throw .crossCloud
        }

        guard let application = directory.application(tenantID: tenant.id, clientID: clientID) else {
            throw .applicationNotFound(clientID: clientID, directory: tenant.displayName)
        }
        try authenticate(application, form: form, audiences: audiences)

        guard AzureCloud.forResource(resource) != nil else {
            throw .resourceNotFound(resource: resource, directory: tenant.displayName)
        }
        return Grant(principal: application.principal, resource: resource)
    }

    private func requireClientID(_ form: FormBody) throws(EntraError) -> String {
        guard let clientID = form["client_id"] else {
            throw .missingParameter("client_id")
        }
        guard Identifiers.isGUID(clientID), clientID != Identifiers.emptyGUID else {
            throw .invalidClientID(clientID)
        }
        return clientID
    }

    /// The resource a v2 `scope` (`{resource}/.default`) or a v1 `resource` names.
    private func requestedResource(_ form: FormBody, version: TokenEndpointVersion) throws(EntraError) -> String {
        guard version == .v2 else {
            guard let resource = form["resource"] else {
                throw .missingParameter("resource")
            }
            return resource
        }

        guard let scope = form["scope"] else {
            throw .missingParameter("scope")
        }
        let ignored: Set<String> = ["openid", "profile", "offline_access"]
        let scopes = scope.split(separator: " ").map(String.init).filter { !ignored.contains($0) }
        guard scopes.count == 1, let only = scopes.first, only.hasSuffix("/.default"), only.count > 9 else {
            throw .invalidScope(scope)
        }
        return String(only.dropLast("/.default".count))
    }

    private func authenticate(
        _ application: Directory.Application,
        form: FormBody,
        audiences: [String]
    ) throws(EntraError) {
        if form["client_assertion"] != nil || form["client_assertion_type"] != nil {
            try authenticateAssertion(application, form: form, audiences: audiences)
            return
        }
        guard let presented = form["client_secret"] else {
            throw .credentialMissing
        }

        let presentedBytes = Array(presented.utf8)
        let matching = application.secrets.filter { secret in
            Digest.constantTimeEquals(Array(secret.value.utf8), presentedBytes)
        }
        guard !matching.isEmpty else {
            throw .invalidSecret(clientID: application.principal.clientID)
        }

        let now = clock.now()
        guard matching.contains(where: { ($0.expires ?? .distantFuture) > now }) else {
            throw .secretExpired(clientID: application.principal.clientID)
        }
    }

    private func tokenResponse(
        _ grant: Grant,
        cloud: AzureCloud,
        request: HTTPServerRequest,
        version: TokenEndpointVersion
    ) -> HTTPServerResponse {
        let lifetime = directory.tokenLifetime
        let (token, claims) = mintToken(grant.principal, audience: grant.resource, cloud: cloud, lifetime: lifetime)
        let body: JSONValue
        switch version {
        case .v2:
            body = .object([
                "token_type": .string("Bearer"),
                "expires_in": .int(lifetime),
                "ext_expires_in": .int(lifetime),
                "access_token": .string(token),
            ])
        case .v1:
            body = .object([
                "token_type": .string("Bearer"),
                "expires_in": .string(String(lifetime)),
                "ext_expires_in": .string(String(lifetime)),
                "expires_on": .string(String(claims.expires)),
                "not_before": .string(String(claims.notBefore)),
                "resource": .string(grant.resource),
                "access_token": .string(token),
            ])
        }

        let headers = entraHeaders(request, requestID: Identifiers.randomGUID(), cacheControl: "no-store, no-cache")
        return HTTPServerResponse(status: 200, headers: headers, body: body.data)
    }
}
