import Foundation

/// One vault as the emulator keeps it while running: settings, secrets and deleted secrets.
struct VaultState: Sendable {
    /// One version of a secret.
    struct Version: Sendable {
        var id: String
        var value: String
        var contentType: String?
        var tags: [String: String]?
        var enabled: Bool
        var notBefore: Int?
        var expires: Int?
        var created: Int
        var updated: Int
    }

    /// A secret with its versions, oldest first.
    struct Secret: Sendable {
        var name: String
        var versions: [Version]

        /// The current version.
        var latest: Version {
            versions[versions.count - 1]
        }

        /// The version with ID `id`, compared without case.
        func version(_ id: String) -> Version? {
            versions.first { $0.id == id.lowercased() }
        }
    }

    /// A soft-deleted secret, recoverable until purged.
    struct Deleted: Sendable {
        var secret: Secret
        var deletedDate: Int
        var scheduledPurgeDate: Int
    }

    var name: String
    var host: String
    var tenantID: String
    var cloud: AzureCloud
    var authorization: EmulatorSeed.Vault.Authorization
    var region: String
    var subscriptionID: String
    var resourceGroup: String
    var firewall: EmulatorSeed.Firewall?
    /// Days a deleted secret stays recoverable, as `recoverableDays` reports.
    var recoverableDays: Int
    var grants: [EmulatorSeed.Grant]
    var secrets: [String: Secret]
    var deleted: [String: Deleted] = [:]

    /// Builds the running state of `vault`; versions without a creation time get `now`.
    init(_ vault: EmulatorSeed.Vault, tenantID: String, now: Int) {
        name = vault.name
        host = vault.host
        self.tenantID = tenantID
        cloud = vault.cloud
        authorization = vault.authorization
        region = vault.region
        subscriptionID = vault.subscriptionID?.lowercased() ?? Identifiers.derivedGUID("subscription:\(vault.host)")
        resourceGroup = vault.resourceGroup ?? "rg-\(vault.name.lowercased())"
        firewall = vault.firewall
        recoverableDays = vault.softDeleteRetentionDays
        grants = vault.grants
        secrets = [:]
        for secret in vault.secrets {
            secrets[secret.name.lowercased()] = Self.secret(secret, vaultHost: vault.host, now: now)
        }
    }

    /// The `recoveryLevel` of the vault's secrets: the full 90 days are `Recoverable`, a shorter
    /// retention is `CustomizedRecoverable`; without purge protection both are also `Purgeable`.
    var recoveryLevel: String {
        recoverableDays == 90 ? "Recoverable+Purgeable" : "CustomizedRecoverable+Purgeable"
    }

    /// The base URL of the vault, `https://{host}`.
    var baseURL: String {
        "https://\(host)"
    }

    /// The ARM resource ID as RBAC messages print it (lower-case provider path).
    var resourceID: String {
        "/subscriptions/\(subscriptionID)/resourcegroups/\(resourceGroup)/providers/microsoft.keyvault/vaults/\(name)"
    }

    private static func secret(_ secret: EmulatorSeed.Secret, vaultHost: String, now: Int) -> Secret {
        let versions = secret.versions.enumerated().map { index, seeded in
            let id =
                seeded.version?.lowercased()
                ?? Identifiers.derivedVersion("\(vaultHost)/\(secret.name.lowercased())/\(index)")
            let created = seeded.created.map(UTCTime.unixSeconds) ?? now
            return Version(
                id: id,
                value: seeded.value,
                contentType: seeded.contentType,
                tags: seeded.tags,
                enabled: seeded.enabled,
                notBefore: seeded.notBefore.map(UTCTime.unixSeconds),
                expires: seeded.expires.map(UTCTime.unixSeconds),
                created: created,
                updated: created
            )
        }
        return Secret(name: secret.name, versions: versions)
    }
}
