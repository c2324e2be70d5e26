import Foundation
import MidkvCrypto
import MidkvHTTPServer

extension Emulator {
    /// Carries out an authorised operation on `vault`.
    func perform(
        _ operation: VaultOperation,
        context: VaultContext,
        vault: inout VaultState
    ) throws(KeyVaultError) -> HTTPServerResponse {
        switch operation {
        case .getSecret(let name, let version):
            return try getSecret(name, version: version, context: context, vault: vault)
        case .listSecrets:
            return try listSecrets(context: context, vault: vault)
        case .listVersions(let name):
            return try listVersions(name, context: context, vault: vault)
        case .setSecret(let name):
            return try setSecret(name, context: context, vault: &vault)
        case .updateSecret(let name, let version):
            return try updateSecret(name, version: version, context: context, vault: &vault)
        default:
            return try performDeletion(operation, context: context, vault: &vault)
        }
    }

    /// A 200 answer with Key Vault's headers and `body`.
    func vaultOK(_ body: JSONValue, vault: VaultState, context: VaultContext) -> HTTPServerResponse {
        HTTPServerResponse(status: 200, headers: vaultHeaders(vault, context: context), body: body.data)
    }

    /// The secret `name` and the version `version` of it (the latest when `nil`).
    func lookup(
        _ name: String,
        version: String?,
        in vault: VaultState
    ) throws(KeyVaultError) -> (
        VaultState.Secret, VaultState.Version
    ) {
        guard let secret = vault.secrets[name.lowercased()] else {
            throw .notFound(version.map { "\(name)/\($0)" } ?? name)
        }
        guard let version else {
            return (secret, secret.latest)
        }
        guard let found = secret.version(version) else {
            throw .notFound("\(name)/\(version)")
        }
        return (secret, found)
    }

    private func getSecret(
        _ name: String,
        version: String?,
        context: VaultContext,
        vault: VaultState
    ) throws(KeyVaultError) -> HTTPServerResponse {
        let (secret, found) = try lookup(name, version: version, in: vault)
        guard found.enabled else {
            throw .disabled(operation: "get")
        }
        return vaultOK(vault.bundle(secret, found, includeValue: true), vault: vault, context: context)
    }

    private func setSecret(
        _ name: String,
        context: VaultContext,
        vault: inout VaultState
    ) throws(KeyVaultError) -> HTTPServerResponse {
        let key = name.lowercased()
        if let deleted = vault.deleted[key] {
            throw .deletedButRecoverable(deleted.secret.name)
        }

        let parameters = try SecretParameters(context.request.body, requireValue: true)
        let version = VaultState.Version(
            id: SecureRandom.hex(16),
            value: parameters.value ?? "",
            contentType: parameters.contentType,
            tags: parameters.tags,
            enabled: parameters.enabled ?? true,
            notBefore: parameters.notBefore,
            expires: parameters.expires,
            created: context.now,
            updated: context.now
        )

        var secret = vault.secrets[key] ?? VaultState.Secret(name: name, versions: [])
        secret.versions.append(version)
        vault.secrets[key] = secret
        return vaultOK(vault.bundle(secret, version, includeValue: true), vault: vault, context: context)
    }

    private func updateSecret(
        _ name: String,
        version: String?,
        context: VaultContext,
        vault: inout VaultState
    ) throws(KeyVaultError) -> HTTPServerResponse {
        var (secret, found) = try lookup(name, version: version, in: vault)
        let parameters = try SecretParameters(context.request.body, requireValue: false)
        found.contentType = parameters.contentType ?? found.contentType
        found.tags = parameters.tags ?? found.tags

        found.enabled = parameters.enabled ?? found.enabled
        found.notBefore = parameters.notBefore ?? found.notBefore
        found.expires = parameters.expires ?? found.expires
        found.updated = context.now

        if let index = secret.versions.firstIndex(where: { $0.id == found.id }) {
            secret.versions[index] = found
        }
        vault.secrets[secret.name.lowercased()] = secret
        return vaultOK(vault.bundle(secret, found, includeValue: false), vault: vault, context: context)
    }
}
