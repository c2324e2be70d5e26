import Foundation
import MidkvHTTPServer
import MidkvSupport

extension Emulator {
    /// Delete, get-deleted, purge and recover.
    func performDeletion(
        _ operation: VaultOperation,
        context: VaultContext,
        vault: inout VaultState
    ) throws(KeyVaultError) -> HTTPServerResponse {
        switch operation {
        case .deleteSecret(let name):
            let (secret, _) = try lookup(name, version: nil, in: vault)
            let purgeDate = context.now + vault.recoverableDays * 86_400
            let deleted = VaultState.Deleted(secret: secret, deletedDate: context.now, scheduledPurgeDate: purgeDate)
            vault.secrets[name.lowercased()] = nil
            vault.deleted[name.lowercased()] = deleted
            return vaultOK(vault.deletedBundle(deleted), vault: vault, context: context)
        case .getDeleted(let name):
            let deleted = try lookupDeleted(name, in: vault)
            return vaultOK(vault.deletedBundle(deleted), vault: vault, context: context)
        case .purgeDeleted(let name):
            _ = try lookupDeleted(name, in: vault)
            vault.deleted[name.lowercased()] = nil
            return purged(vault: vault, context: context)
        default:
            return try recover(operation.secretName ?? "", context: context, vault: &vault)
        }
    }

    private func recover(
        _ name: String,
        context: VaultContext,
        vault: inout VaultState
    ) throws(KeyVaultError) -> HTTPServerResponse {
        let deleted = try lookupDeleted(name, in: vault)
        vault.deleted[name.lowercased()] = nil
        vault.secrets[name.lowercased()] = deleted.secret

        let body = vault.bundle(deleted.secret, deleted.secret.latest, includeValue: false)
        return vaultOK(body, vault: vault, context: context)
    }

    private func lookupDeleted(_ name: String, in vault: VaultState) throws(KeyVaultError) -> VaultState.Deleted {
        guard let deleted = vault.deleted[name.lowercased()] else {
            throw .deletedNotFound(name)
        }
        return deleted
    }

    private func purged(vault: VaultState, context: VaultContext) -> HTTPServerResponse {
        var headers = vaultHeaders(vault, context: context)
        headers.remove("Content-Type")
        return HTTPServerResponse(status: 204, headers: headers)
    }
}
