/// One Key Vault secrets operation, parsed from method and path.
enum VaultOperation: Sendable, Equatable {
    case getSecret(name: String, version: String?)
    case listSecrets
    case listVersions(name: String)
    case setSecret(name: String)
    case updateSecret(name: String, version: String?)
    case deleteSecret(name: String)
    case getDeleted(name: String)
    case purgeDeleted(name: String)
    case recoverDeleted(name: String)

    /// Parses `method` and the percent-decoded path `segments`.
    ///
    /// - Throws: ``KeyVaultError/unsupportedPath(_:)`` or ``KeyVaultError/methodNotAllowed(_:)``.
    init(method: String, segments: [String], path: String) throws(KeyVaultError) {
        let collection = segments.first?.lowercased()
        let operation: VaultOperation?
        switch (collection, segments.count) {
        case ("secrets", 1):
            operation = method == "GET" ? .listSecrets : nil
        case ("secrets", 2):
            operation = Self.secret(method: method, name: segments[1])
        case ("secrets", 3) where segments[2].lowercased() == "versions":
            operation = method == "GET" ? .listVersions(name: segments[1]) : nil
        case ("secrets", 3):
            operation = Self.version(method: method, name: segments[1], version: segments[2])
        case ("deletedsecrets", 2):
            operation = Self.deleted(method: method, name: segments[1])
        case ("deletedsecrets", 3) where segments[2].lowercased() == "recover":
            operation = method == "POST" ? .recoverDeleted(name: segments[1]) : nil
        default:
            throw .unsupportedPath(path)
        }

        guard let operation else {
            throw .methodNotAllowed(method)
        }
        self = operation
    }

    private static func secret(method: String, name: String) -> VaultOperation? {
        switch method {
        case "GET": .getSecret(name: name, version: nil)
        case "PUT": .setSecret(name: name)
        case "PATCH": .updateSecret(name: name, version: nil)
        case "DELETE": .deleteSecret(name: name)
        default: nil
        }
    }

    private static func version(method: String, name: String, version: String) -> VaultOperation? {
        switch method {
        case "GET": .getSecret(name: name, version: version)
        case "PATCH": .updateSecret(name: name, version: version)
        default: nil
        }
    }

    private static func deleted(method: String, name: String) -> VaultOperation? {
        switch method {
        case "GET": .getDeleted(name: name)
        case "DELETE": .purgeDeleted(name: name)
        default: nil
        }
    }

    /// The secret the operation is about; `nil` for listing all secrets.
    var secretName: String? {
        switch self {
        case .listSecrets:
            nil
        case .getSecret(let name, _), .listVersions(let name), .setSecret(let name), .updateSecret(let name, _),
            .deleteSecret(let name), .getDeleted(let name), .purgeDeleted(let name), .recoverDeleted(let name):
            name
        }
    }

    /// The permission the caller needs.
    var permission: EmulatorSeed.Permission {
        switch self {
        case .getSecret, .getDeleted: .get
        case .listSecrets, .listVersions: .list
        case .setSecret, .updateSecret: .set
        case .deleteSecret: .delete
        case .purgeDeleted: .purge
        case .recoverDeleted: .recover
        }
    }

    /// The request kind for the log.
    var kind: RequestRecord.Kind {
        switch self {
        case .getSecret, .getDeleted: .vaultRead
        case .listSecrets, .listVersions: .vaultList
        case .setSecret, .updateSecret, .recoverDeleted: .vaultWrite
        case .deleteSecret, .purgeDeleted: .vaultDelete
        }
    }

    /// The operation word in `SecretDisabled` messages.
    var verb: String {
        switch permission {
        case .get: "get"
        case .list: "list"
        case .set: "set"
        case .delete: "delete"
        case .recover: "recover"
        case .purge: "purge"
        }
    }
}

extension EmulatorSeed.Permission {
    /// The RBAC data action that grants the permission.
    var rbacAction: String {
        switch self {
        case .get: "Microsoft.KeyVault/vaults/secrets/getSecret/action"
        case .list: "Microsoft.KeyVault/vaults/secrets/readMetadata/action"
        case .set: "Microsoft.KeyVault/vaults/secrets/setSecret/action"
        case .delete: "Microsoft.KeyVault/vaults/secrets/delete"
        case .recover: "Microsoft.KeyVault/vaults/deletedSecrets/recover/action"
        case .purge: "Microsoft.KeyVault/vaults/deletedSecrets/delete"
        }
    }
}
