import Foundation
import MidkvSupport
import MidkvTransport

extension VaultFailureFacts {
    func foreignReply() -> MidkvError {
        let type = response.headers["Content-Type"] ?? "no content type"
        return error(
            .vaultFailed,
            "\(target.host) answered HTTP \(response.status) with a body that is not Key Vault's (\(type))",
            extra: [Evidence("content type", type)],
            cause: """
                Something other than Key Vault answered: a proxy or firewall page, or a vault URL \
                that points at another service.
                """,
            fix: """
                Check the vault URL, and whether a proxy between the MID Server and \(target.host) \
                blocks or rewrites the request.
                """
        )
    }

    func notFound() -> MidkvError {
        guard reply?.code == "SecretNotFound" else {
            return unexpected()
        }
        return error(
            .vaultSecretNotFound,
            "Vault \(vault) (\(target.host)) has no secret named \(secretLabel)",
            cause: """
                The secret name is misspelt, the credential points at another vault, or the secret \
                was deleted (a soft-deleted secret can still be recovered).
                """,
            fix: """
                Compare the name with the vault's Secrets list in the Azure portal, check which \
                vault the credential uses, and look in the vault's deleted secrets.
                """
        )
    }

    func forbidden() -> MidkvError {
        switch reply?.innerCode {
        case "ForbiddenByRbac": forbiddenByRole()
        case "AccessDenied": forbiddenByPolicy()
        case "ForbiddenByFirewall": forbiddenByFirewall()
        case "SecretDisabled": disabled()
        default: forbiddenByMessage()
        }
    }

    private func forbiddenByMessage() -> MidkvError {
        let message = reply?.message ?? ""
        if message.contains("Client address") || message.contains("Public network access is disabled") {
            return forbiddenByFirewall()
        }
        if message.contains("disabled secret") {
            return disabled()
        }
        if message.contains("Caller is not authorized") {
            return forbiddenByRole()
        }
        return forbiddenByPolicy()
    }

    private func forbiddenByRole() -> MidkvError {
        let writes = context.operation.method == .put
        let role = writes ? "Key Vault Secrets Officer" : "Key Vault Secrets User"
        return error(
            .vaultForbiddenRBAC,
            "No role assignment lets \(principal) \(writes ? "write" : "read") secrets in vault \(vault)",
            extra: principalEvidence + (reply?.field("Action:").map { [Evidence("action", $0)] } ?? []),
            cause: """
                The vault uses Azure RBAC and the principal signed in fine, but holds no data-plane \
                role on this vault (or the role is on another vault, or was assigned moments ago).
                """,
            fix: """
                Assign the role "\(role)" on vault \(vault) to \(principal). New assignments can \
                take a few minutes to apply.
                """
        )
    }

    private func forbiddenByPolicy() -> MidkvError {
        let permission = context.operation.method == .put ? "Set" : (target.secret == nil ? "List" : "Get")
        return error(
            .vaultForbiddenAccessPolicy,
            "No access policy of vault \(vault) gives \(principal) the secret permission \(permission)",
            extra: principalEvidence,
            cause: "The vault uses access policies, and none grants this principal the secret permission it needs.",
            fix: """
                In vault \(vault) > Access policies, add a policy for \(principal) with the secret \
                permission \(permission).
                """
        )
    }

    private func forbiddenByFirewall() -> MidkvError {
        let message = reply?.message ?? ""
        let address =
            message.firstMatch(of: /Client address: ([0-9A-Fa-f:.]+)/).map { String($0.1) } ?? networkInfoAddress
        let publicAccessOff = message.contains("Public network access is disabled")
        let subject = address.map { "the client address \($0)" } ?? "the client's address"
        return error(
            .vaultForbiddenFirewall,
            publicAccessOff
                ? "Vault \(vault) has public network access disabled"
                : "The firewall of vault \(vault) rejected \(subject)",
            extra: address.map { [Evidence("client address", $0)] } ?? [],
            cause: """
                The vault accepts only selected networks. The address shown is the one the vault \
                sees: the public address of the NAT gateway or proxy the MID Server's traffic \
                leaves through, not the MID Server's own private address.
                """,
            fix: """
                Add \(address ?? "that address") to vault \(vault)'s firewall (Networking > Firewalls \
                and virtual networks), or reach the vault through a private endpoint.
                """
        )
    }

    private func disabled() -> MidkvError {
        error(
            .vaultSecretDisabled,
            "Secret \(secretLabel) exists in vault \(vault), but its current version is disabled",
            cause: """
                The version's Enabled attribute is off (certificate-backed secrets stay disabled \
                while a certificate request is pending). This is not a permission problem.
                """,
            fix: "Enable the current version of \(secret) in the vault, or store a new enabled version."
        )
    }
}
