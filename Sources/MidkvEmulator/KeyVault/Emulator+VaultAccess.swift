import Foundation
import MidkvHTTPServer
import MidkvSupport

extension Emulator {
    /// The claims of the request's bearer token, checked as Key Vault checks them: signature,
    /// expiry, audience, then issuer.
    ///
    /// - Throws: ``KeyVaultError`` 401 cases.
    func authenticate(
        _ request: HTTPServerRequest,
        vault: VaultState,
        now: Int
    ) throws(KeyVaultError) -> AccessTokenClaims {
        guard let header = request.headers["Authorization"], header.lowercased().hasPrefix("bearer ") else {
            throw .missingToken
        }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard let claims = signer.verify(token) else {
            throw .missingToken
        }

        guard claims.expires > now else {
            throw .tokenExpired
        }
        let expectedAudience = vault.cloud.vaultResource
        guard AzureCloud.normalizedResource(claims.audience) == AzureCloud.normalizedResource(expectedAudience) else {
            throw .wrongAudience(expected: expectedAudience, found: claims.audience)
        }

        let expectedIssuer = vault.cloud.issuer(tenant: vault.tenantID)
        guard claims.issuer == expectedIssuer else {
            throw .wrongIssuer(expected: expectedIssuer, found: claims.issuer)
        }
        return claims
    }

    /// Applies the vault's firewall, then its role assignments or access policies.
    ///
    /// - Throws: ``KeyVaultError`` 403 cases: `ForbiddenByFirewall`, `ForbiddenByRbac`, `AccessDenied`.
    func authorize(
        _ operation: VaultOperation,
        claims: AccessTokenClaims,
        vault: VaultState,
        clientAddress: String
    ) throws(KeyVaultError) {
        let caller = "appid=\(claims.appID);oid=\(claims.objectID);iss=\(claims.issuer)"
        if let firewall = vault.firewall, firewall.defaultAction == .deny {
            let allowed = firewall.allowedAddresses.contains { AddressRange($0)?.contains(clientAddress) ?? false }
            guard allowed else {
                throw .firewall(clientAddress: clientAddress, caller: caller, vault: vault.name, region: vault.region)
            }
        }

        let principals = [claims.objectID.lowercased(), claims.appID.lowercased()]
        let granted = vault.grants.filter { principals.contains($0.principal.lowercased()) }.flatMap(\.permissions)
        guard !granted.contains(operation.permission) else {
            return
        }
        throw refusal(operation, caller: caller, vault: vault)
    }

    private func refusal(_ operation: VaultOperation, caller: String, vault: VaultState) -> KeyVaultError {
        switch vault.authorization {
        case .rbac:
            let scope = operation.secretName.map { "\(vault.resourceID)/secrets/\($0)" } ?? vault.resourceID
            return .rbac(
                caller: caller,
                action: operation.permission.rbacAction,
                resource: scope,
                vault: vault.name,
                region: vault.region
            )
        case .accessPolicy:
            return .accessPolicy(
                caller: caller,
                permission: "secrets \(operation.verb)",
                vault: vault.name,
                region: vault.region
            )
        }
    }
}
