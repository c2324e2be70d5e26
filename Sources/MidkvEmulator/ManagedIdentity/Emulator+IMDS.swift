import Foundation
import MidkvHTTPServer
import MidkvSupport

extension Emulator {
    /// Answers the instance metadata service: `GET /metadata/identity/oauth2/token`.
    func imdsAnswer(_ request: HTTPServerRequest) -> Answer {
        guard request.path == "/metadata/identity/oauth2/token" else {
            let response = Self.imdsError(404, error: "not_found", description: "Not found")
            return Answer(response: response, kind: .imds)
        }
        guard request.method == "GET" else {
            let response = Self.imdsError(405, error: "method_not_allowed", description: "Not allowed")
            return Answer(response: response, kind: .imds)
        }

        guard request.headers["Metadata"]?.lowercased() == "true" else {
            let response = Self.imdsError(
                400,
                error: "invalid_request",
                description: "Required metadata header not specified"
            )
            return Answer(response: response, kind: .imds)
        }
        return imdsToken(request)
    }

    private func imdsToken(_ request: HTTPServerRequest) -> Answer {
        for parameter in ["api-version", "resource"] where (request.query(parameter) ?? "").isEmpty {
            let description = "Required query variable '\(parameter)' is missing"
            return Answer(
                response: Self.imdsError(400, error: "invalid_request", description: description),
                kind: .imds
            )
        }

        let identity: Directory.Principal
        switch selectMachineIdentity(request) {
        case .success(let selected):
            identity = selected
        case .failure(let failure):
            let response = Self.imdsError(400, error: "invalid_request", description: failure.description)
            return Answer(response: response, kind: .imds)
        }

        let resource = request.query("resource") ?? ""
        guard let cloud = AzureCloud.forResource(resource) else {
            let directoryName = directory.tenant(identity.tenantID)?.displayName ?? identity.tenantID
            let error = EntraError.resourceNotFound(resource: resource, directory: directoryName)
            let response = Self.imdsError(
                400,
                error: error.oauthError,
                description: "AADSTS\(error.code): \(error.message)"
            )
            return Answer(response: response, kind: .imds, principal: identity.objectID)
        }
        return imdsSuccess(identity, resource: resource, cloud: cloud)
    }

    private func imdsSuccess(_ identity: Directory.Principal, resource: String, cloud: AzureCloud) -> Answer {
        let lifetime = directory.managedIdentityTokenLifetime
        let (token, claims) = mintToken(identity, audience: resource, cloud: cloud, lifetime: lifetime)
        let body = JSONValue.object([
            "access_token": .string(token),
            "client_id": .string(identity.clientID),
            "expires_in": .string(String(lifetime)),
            "expires_on": .string(String(claims.expires)),
            "ext_expires_in": .string(String(lifetime)),
            "not_before": .string(String(claims.notBefore)),
            "resource": .string(resource),
            "token_type": .string("Bearer"),
        ])
        let response = HTTPServerResponse(status: 200, headers: Self.imdsHeaders, body: body.data)
        return Answer(response: response, kind: .imds, principal: identity.objectID, tokenIssued: true)
    }

    /// Why no identity fits a request.
    struct IdentitySelectionFailure: Error {
        var description: String
    }

    /// The VM identity a request selects by `client_id`, `object_id` or `msi_res_id`; with none
    /// of them, the system-assigned identity, else the only user-assigned one.
    private func selectMachineIdentity(
        _ request: HTTPServerRequest
    ) -> Result<Directory.Principal, IdentitySelectionFailure> {
        let identities = directory.machineIdentities
        let selected: Directory.Principal?
        if let clientID = request.query("client_id") {
            selected = identities.first { $0.clientID == clientID.lowercased() }
        } else if let objectID = request.query("object_id") {
            selected = identities.first { $0.objectID == objectID.lowercased() }
        } else if let resourceID = request.query("msi_res_id") {
            selected = identities.first { $0.resourceID?.lowercased() == resourceID.lowercased() }
        } else if directory.machineHasSystemIdentity || identities.count == 1 {
            selected = identities.first
        } else if identities.count > 1 {
            let description = """
                Multiple user assigned identities exist, please specify the clientId / resourceId of \
                the identity in the token request
                """
            return .failure(IdentitySelectionFailure(description: description))
        } else {
            selected = nil
        }

        guard let selected else {
            return .failure(IdentitySelectionFailure(description: "Identity not found"))
        }
        return .success(selected)
    }

    static let imdsHeaders = HTTPHeaders([
        ("Content-Type", "application/json; charset=utf-8"),
        ("Server", "IMDS/150.870.65.1854"),
    ])

    /// An IMDS error body: `{"error": ..., "error_description": ...}`.
    static func imdsError(_ status: Int, error: String, description: String) -> HTTPServerResponse {
        let body = JSONValue.object(["error": .string(error), "error_description": .string(description)])
        return HTTPServerResponse(status: status, headers: imdsHeaders, body: body.data)
    }
}
