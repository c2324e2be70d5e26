import Foundation
import MidkvCrypto
import MidkvHTTPServer
import MidkvSupport

extension Emulator {
    /// Answers the App Service identity endpoint: `GET /msi/token?api-version=2019-08-01&resource=…`
    /// with `X-IDENTITY-HEADER`.
    func appServiceAnswer(_ request: HTTPServerRequest) -> Answer {
        guard let expectedHeader = directory.appServiceHeader else {
            return Answer(response: Self.notServed(request, host: request.host ?? ""), kind: .appService)
        }
        guard let presented = request.headers["X-IDENTITY-HEADER"] else {
            let message = "The X-IDENTITY-HEADER header is missing. Send the IDENTITY_HEADER value in it."
            return Answer(response: appServiceError(400, message), kind: .appService)
        }
        guard Digest.constantTimeEquals(Array(presented.utf8), Array(expectedHeader.utf8)) else {
            let message = "The X-IDENTITY-HEADER value does not match this app's IDENTITY_HEADER."
            return Answer(response: appServiceError(401, message), kind: .appService)
        }

        for parameter in ["api-version", "resource"] where (request.query(parameter) ?? "").isEmpty {
            return Answer(
                response: appServiceError(400, "Required query parameter '\(parameter)' is missing."),
                kind: .appService
            )
        }
        guard let identity = selectAppServiceIdentity(request) else {
            return Answer(
                response: appServiceError(400, "Unable to load the proper Managed Identity."),
                kind: .appService
            )
        }
        return appServiceSuccess(identity, resource: request.query("resource") ?? "")
    }

    private func appServiceSuccess(_ identity: Directory.Principal, resource: String) -> Answer {
        guard let cloud = AzureCloud.forResource(resource) else {
            let response = appServiceError(500, "An unexpected error occurred while fetching the AAD token.")
            return Answer(response: response, kind: .appService, principal: identity.objectID)
        }

        let lifetime = directory.managedIdentityTokenLifetime
        let (token, claims) = mintToken(identity, audience: resource, cloud: cloud, lifetime: lifetime)
        let expiresOn = Date(timeIntervalSince1970: TimeInterval(claims.expires))
        let body = JSONValue.object([
            "access_token": .string(token),
            "expires_on": .string(UTCTime.appServiceDate(expiresOn)),
            "resource": .string(resource),
            "token_type": .string("Bearer"),
            "client_id": .string(identity.clientID),
        ])
        let response = HTTPServerResponse(status: 200, headers: Self.appServiceHeaders, body: body.data)
        return Answer(response: response, kind: .appService, principal: identity.objectID, tokenIssued: true)
    }

    /// The identity selected by `client_id`, `principal_id`, `object_id` or `mi_res_id`; with
    /// none, the system-assigned identity.
    private func selectAppServiceIdentity(_ request: HTTPServerRequest) -> Directory.Principal? {
        let identities = directory.appServiceIdentities
        if let clientID = request.query("client_id") {
            return identities.first { $0.clientID == clientID.lowercased() }
        }
        if let objectID = request.query("principal_id") ?? request.query("object_id") {
            return identities.first { $0.objectID == objectID.lowercased() }
        }
        if let resourceID = request.query("mi_res_id") {
            return identities.first { $0.resourceID?.lowercased() == resourceID.lowercased() }
        }
        return directory.appServiceHasSystemIdentity ? identities.first : nil
    }

    private static let appServiceHeaders = HTTPHeaders([("Content-Type", "application/json; charset=utf-8")])

    private func appServiceError(_ status: Int, _ message: String) -> HTTPServerResponse {
        let body = JSONValue.object([
            "statusCode": .int(status),
            "message": .string(message),
            "correlationId": .string(Identifiers.randomGUID()),
        ])
        return HTTPServerResponse(status: status, headers: Self.appServiceHeaders, body: body.data)
    }
}
