import Foundation
import MidkvSupport
import MidkvTransport

extension KeyVaultClient {
    /// The most pages one listing follows.
    static let maximumPages = 500

    /// Lists the secrets of a vault, metadata only, following `nextLink` pages.
    ///
    /// - Throws: ``MidkvError`` as for ``getSecret(vault:name:version:deadline:)``; `vault.failed`
    ///   when a `nextLink` points at another host (it is not followed).
    public func listSecrets(vault: URL, deadline: ContinuousClock.Instant) async throws -> [SecretItem] {
        let target = try VaultTarget(vault: vault, secret: nil, version: nil)
        let first = target.url(path: "/secrets", apiVersion: configuration.apiVersion)
        return try await collect(from: first, target: target, deadline: deadline)
    }

    /// Lists the versions of the secret `name`, metadata only, following `nextLink` pages.
    ///
    /// - Throws: ``MidkvError`` as for ``listSecrets(vault:deadline:)``.
    public func listSecretVersions(
        vault: URL,
        name: String,
        deadline: ContinuousClock.Instant
    ) async throws -> [SecretItem] {
        let target = try VaultTarget(vault: vault, secret: name, version: nil)
        let first = target.url(path: "/secrets/\(name)/versions", apiVersion: configuration.apiVersion)
        return try await collect(from: first, target: target, deadline: deadline)
    }

    private func collect(
        from first: URL,
        target: VaultTarget,
        deadline: ContinuousClock.Instant
    ) async throws -> [SecretItem] {
        var items: [SecretItem] = []
        var next: URL? = first
        var pages = 0

        while let url = next, pages < Self.maximumPages {
            pages += 1
            let operation = VaultOperation(method: .get, url: url, target: target)
            let response = try await perform(operation, deadline: deadline)
            guard let reply = JSONObject(data: response.body) else {
                throw unexpectedBody(response, operation: operation)
            }

            items += reply.objects("value").compactMap(SecretItem.init(reply:))
            next = try followable(reply.string("nextLink"), target: target)
        }
        logger.debug("secrets listed", ["vault.host": target.host, "list.pages": "\(pages)"])
        return items
    }

    private func followable(_ link: String?, target: VaultTarget) throws -> URL? {
        guard let link, !link.isEmpty else {
            return nil
        }

        guard let url = URL(string: link), VaultTarget.authority(of: url) == target.authority,
            url.scheme?.lowercased() == URL(string: target.base)?.scheme
        else {
            throw MidkvError(
                .vaultFailed,
                "A listing page from \(target.host) links to another host; the link was not followed",
                evidence: [
                    Evidence("vault host", target.host),
                    Evidence("next link host", URL(string: link)?.host ?? "(unreadable)"),
                ],
                cause: "Key Vault's next-page links stay on the vault's host; something else rewrote this one.",
                fix: "Check the vault URL and any proxy between the MID Server and \(target.host)."
            )
        }
        return url
    }
}
