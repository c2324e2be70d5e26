import Foundation
import MidkvSupport
import MidkvTransport

extension VaultFailureFacts {
    func unauthorized() -> MidkvError {
        let message = reply?.message ?? ""
        if message.contains("AKV10032") {
            return wrongTenant()
        }
        if message.contains("AKV10022") {
            return wrongAudience()
        }
        return error(
            .vaultUnauthorized,
            "Vault \(vault) did not accept the token (HTTP 401)",
            extra: context.claims?.evidence ?? [],
            cause: "The token expired, was issued for something else, or is malformed; the service message says which.",
            fix: """
                Check that the MID Server host's clock is right and that the identity's tenant is \
                the vault's tenant; then try again.
                """
        )
    }

    private func wrongTenant() -> MidkvError {
        let stsTenants = (reply?.message ?? "").matches(of: /sts\.windows\.net\/([0-9A-Za-z.-]+)/).map { String($0.1) }
        let vaultTenant = context.challenge?.tenantID ?? stsTenants.first
        let tokenTenant = context.claims?.tenantID ?? stsTenants.last
        let extra = [("vault tenant", vaultTenant), ("token tenant", tokenTenant)]
            .compactMap { label, value in value.map { Evidence(label, $0) } }
        let tokenSide = "The token comes from tenant \(tokenTenant ?? "(unknown)")"
        return error(
            .vaultWrongTenant,
            "\(tokenSide), but vault \(vault) belongs to tenant \(vaultTenant ?? "(unknown)")",
            extra: extra + (context.claims?.evidence.filter { !$0.label.contains("tid") } ?? []),
            cause: """
                The app registration or managed identity lives in a different Entra tenant than \
                the vault's subscription, or the configured tenant ID is another directory's.
                """,
            fix: """
                Configure tenant \(vaultTenant ?? "of the vault") and an app registered in it (or a \
                multi-tenant app with consent there), then restart the MID Server.
                """
        )
    }

    private func wrongAudience() -> MidkvError {
        let message = reply?.message ?? ""
        let expected = message.firstMatch(of: /Expected ([^,\s]+)/).map { String($0.1) }
        let found = context.claims?.audience ?? message.firstMatch(of: /found:? ([^\s]+?)\.?$/).map { String($0.1) }
        let extra = [("expected audience", expected), ("token audience", found)]
            .compactMap { label, value in value.map { Evidence(label, $0) } }
        return error(
            .vaultWrongAudience,
            "Vault \(vault) rejected the token's audience \(found ?? "(unknown)")",
            extra: extra,
            cause: """
                The token was requested for another resource or another cloud: a scope override \
                that does not match the vault's DNS suffix.
                """,
            fix: """
                Request tokens for the vault's own resource, \(expected ?? "https://vault.azure.net").default \
                for this vault, and use the login host of the same cloud.
                """
        )
    }

    func throttled() -> MidkvError {
        error(
            .vaultThrottled,
            "Vault \(vault) is throttling requests (HTTP 429)",
            extra: response.headers["Retry-After"].map { [Evidence("Retry-After", $0)] } ?? [],
            cause: """
                Key Vault limits requests per vault and region in 10-second windows; many \
                credential lookups at once exceed it.
                """,
            fix: """
                Spread Discovery schedules over time, keep resolved credentials cached, or spread \
                the secrets over more vaults.
                """
        )
    }

    func badRequest() -> MidkvError {
        error(
            .vaultBadRequest,
            "Vault \(vault) rejected the request as invalid (HTTP 400)",
            extra: [Evidence("API version", configurationAPIVersion)],
            cause: """
                The secret name or version, or the API version, is not acceptable to the vault; the \
                service message says which.
                """,
            fix: "Use a secret name of letters, digits and '-' only, and an API version the vault's cloud supports."
        )
    }

    func unavailable() -> MidkvError {
        error(
            .vaultUnavailable,
            "Vault \(vault) answered HTTP \(response.status)",
            extra: reply == nil ? [Evidence("content type", response.headers["Content-Type"] ?? "(none)")] : [],
            cause: "Key Vault, or a proxy in front of it, failed; retries did not help within the time budget.",
            fix: """
                Try again later, and check Azure's status page for Key Vault in the vault's region \
                and the proxy's logs.
                """
        )
    }

    func unexpected() -> MidkvError {
        error(
            .vaultFailed,
            "Vault \(vault) answered HTTP \(response.status) with an unexpected reply",
            extra: [Evidence("content type", response.headers["Content-Type"] ?? "(none)")],
            cause: "The reply is not one Key Vault sends for this request.",
            fix: "Check the vault URL and any proxy between the MID Server and \(target.host)."
        )
    }

    private var configurationAPIVersion: String {
        let query = context.operation.url.query ?? ""
        return query.split(separator: "&").first { $0.hasPrefix("api-version=") }.map { String($0.dropFirst(12)) } ?? ""
    }
}
