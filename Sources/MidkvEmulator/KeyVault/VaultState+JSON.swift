/// The JSON bodies Key Vault answers with, in its key order.
extension VaultState {
    /// A secret bundle (GET, PUT, PATCH); `includeValue` is false for PATCH and recover.
    func bundle(_ secret: Secret, _ version: Version, includeValue: Bool) -> JSONValue {
        .object([
            "value": includeValue ? .string(version.value) : nil,
            "contentType": version.contentType.map { .string($0) },
            "id": .string(versionID(secret, version)),
            "attributes": attributes(version),
            "tags": version.tags.map { .stringMap($0) },
        ])
    }

    /// A deleted-secret bundle (DELETE, GET deletedsecrets).
    func deletedBundle(_ deleted: Deleted) -> JSONValue {
        let version = deleted.secret.latest
        return .object([
            "recoveryId": .string("\(baseURL)/deletedsecrets/\(deleted.secret.name)"),
            "deletedDate": .int(deleted.deletedDate),
            "scheduledPurgeDate": .int(deleted.scheduledPurgeDate),
            "contentType": version.contentType.map { .string($0) },
            "id": .string(versionID(deleted.secret, version)),
            "attributes": attributes(version),
            "tags": version.tags.map { .stringMap($0) },
        ])
    }

    /// A list item: for `GET /secrets` the base ID, for versions the versioned ID.
    func listItem(_ secret: Secret, _ version: Version, versioned: Bool) -> JSONValue {
        let id = versioned ? versionID(secret, version) : "\(baseURL)/secrets/\(secret.name)"
        return .object([
            "contentType": version.contentType.map { .string($0) },
            "id": .string(id),
            "attributes": attributes(version),
            "tags": version.tags.map { .stringMap($0) },
        ])
    }

    /// `https://{vault host}/secrets/{name}/{version}`.
    func versionID(_ secret: Secret, _ version: Version) -> String {
        "\(baseURL)/secrets/\(secret.name)/\(version.id)"
    }

    private func attributes(_ version: Version) -> JSONValue {
        .object([
            "enabled": .bool(version.enabled),
            "nbf": version.notBefore.map { .int($0) },
            "exp": version.expires.map { .int($0) },
            "created": .int(version.created),
            "updated": .int(version.updated),
            "recoveryLevel": .string(recoveryLevel),
            "recoverableDays": .int(recoverableDays),
        ])
    }
}
