import MidkvHTTPServer

extension Emulator {
    /// `GET /secrets`: one page of secrets (current version attributes, no values).
    func listSecrets(context: VaultContext, vault: VaultState) throws(KeyVaultError) -> HTTPServerResponse {
        let page = try SecretPage(context.request)
        let secrets = vault.secrets.keys.sorted().compactMap { vault.secrets[$0] }
        let (items, nextLink) = page.slice(
            secrets,
            vaultBaseURL: vault.baseURL,
            path: "/secrets",
            apiVersion: context.request.query("api-version") ?? ""
        )

        let body = JSONValue.object([
            "value": .array(items.map { vault.listItem($0, $0.latest, versioned: false) }),
            "nextLink": nextLink,
        ])
        return vaultOK(body, vault: vault, context: context)
    }

    /// `GET /secrets/{name}/versions`: one page of a secret's versions, oldest first.
    func listVersions(
        _ name: String,
        context: VaultContext,
        vault: VaultState
    ) throws(KeyVaultError)
        -> HTTPServerResponse
    {
        let (secret, _) = try lookup(name, version: nil, in: vault)
        let page = try SecretPage(context.request)
        let (items, nextLink) = page.slice(
            secret.versions,
            vaultBaseURL: vault.baseURL,
            path: "/secrets/\(secret.name)/versions",
            apiVersion: context.request.query("api-version") ?? ""
        )

        let body = JSONValue.object([
            "value": .array(items.map { vault.listItem(secret, $0, versioned: true) }),
            "nextLink": nextLink,
        ])
        return vaultOK(body, vault: vault, context: context)
    }
}
