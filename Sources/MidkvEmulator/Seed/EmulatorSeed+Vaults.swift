import Foundation
import MidkvSupport

extension EmulatorSeed {
    /// A key vault and its secrets.
    public struct Vault: Codable, Sendable, Equatable {
        /// How a vault decides who may use its secrets.
        public enum Authorization: String, Codable, Sendable, CaseIterable {
            /// Azure role-based access control; a refusal is `ForbiddenByRbac`.
            case rbac
            /// Vault access policies; a refusal is `AccessDenied`.
            case accessPolicy
        }

        /// The vault name, the first label of its host name.
        public var name: String
        /// The tenant ID of the tenant the vault trusts.
        public var tenant: String
        /// The cloud the vault lives in; decides its host suffix and token audience.
        public var cloud: AzureCloud
        /// The permission model. Default `rbac`.
        public var authorization: Authorization
        /// The Azure region, shown in `x-ms-keyvault-region` and 403 messages. Default `eastus`.
        public var region: String
        /// The subscription ID shown in RBAC messages; derived from the name when left out.
        public var subscriptionID: String?
        /// The resource group shown in RBAC messages; `rg-{name}` when left out.
        public var resourceGroup: String?
        /// The network rules; `nil` allows every address.
        public var firewall: Firewall?
        /// How many days a deleted secret stays recoverable, 7 to 90. Default 90, which Key Vault
        /// reports as `Recoverable+Purgeable`; fewer days are `CustomizedRecoverable+Purgeable`.
        public var softDeleteRetentionDays: Int
        /// Who may do what: role assignments (RBAC) or access policies.
        public var grants: [Grant]
        /// The secrets, each with its versions.
        public var secrets: [Secret]

        /// Creates a vault.
        public init(
            name: String,
            tenant: String,
            cloud: AzureCloud = .public,
            authorization: Authorization = .rbac,
            region: String = "eastus",
            subscriptionID: String? = nil,
            resourceGroup: String? = nil,
            firewall: Firewall? = nil,
            softDeleteRetentionDays: Int = 90,
            grants: [Grant] = [],
            secrets: [Secret] = []
        ) {
            self.name = name
            self.tenant = tenant
            self.cloud = cloud
            self.authorization = authorization
            self.region = region
            self.subscriptionID = subscriptionID
            self.resourceGroup = resourceGroup
            self.firewall = firewall
            self.softDeleteRetentionDays = softDeleteRetentionDays
            self.grants = grants
            self.secrets = secrets
        }

        /// The host name, such as `kv-contoso.vault.azure.net`.
        public var host: String {
            "\(name.lowercased()).\(cloud.vaultSuffix)"
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case tenant
            case cloud
            case authorization
            case region
            case subscriptionID = "subscriptionId"
            case resourceGroup
            case firewall
            case softDeleteRetentionDays
            case grants
            case secrets
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            tenant = try container.decode(String.self, forKey: .tenant)
            cloud = try container.decodeIfPresent(AzureCloud.self, forKey: .cloud) ?? .public
            authorization = try container.decodeIfPresent(Authorization.self, forKey: .authorization) ?? .rbac
            region = try container.decodeIfPresent(String.self, forKey: .region) ?? "eastus"
            subscriptionID = try container.decodeIfPresent(String.self, forKey: .subscriptionID)
            resourceGroup = try container.decodeIfPresent(String.self, forKey: .resourceGroup)
            firewall = try container.decodeIfPresent(Firewall.self, forKey: .firewall)
            softDeleteRetentionDays =
                try container.decodeIfPresent(Int.self, forKey: .softDeleteRetentionDays) ?? 90
            grants = try container.decodeIfPresent([Grant].self, forKey: .grants) ?? []
            secrets = try container.decodeIfPresent([Secret].self, forKey: .secrets) ?? []
        }
    }

    /// A vault's network rules.
    public struct Firewall: Codable, Sendable, Equatable {
        /// What happens to an address no rule names.
        public enum DefaultAction: String, Codable, Sendable, CaseIterable {
            /// Every address may connect.
            case allow = "Allow"
            /// Only ``Firewall/allowedAddresses`` may connect.
            case deny = "Deny"
        }

        /// The default action.
        public var defaultAction: DefaultAction
        /// Addresses or CIDR ranges allowed when the default is `Deny` (`203.0.113.10`,
        /// `127.0.0.0/8`, `::1`).
        public var allowedAddresses: [String]

        /// Creates network rules.
        public init(defaultAction: DefaultAction, allowedAddresses: [String] = []) {
            self.defaultAction = defaultAction
            self.allowedAddresses = allowedAddresses
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case defaultAction
            case allowedAddresses
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            defaultAction = try container.decode(DefaultAction.self, forKey: .defaultAction)
            allowedAddresses = try container.decodeIfPresent([String].self, forKey: .allowedAddresses) ?? []
        }
    }

    /// A secret operation a principal may be granted.
    public enum Permission: String, Codable, Sendable, CaseIterable {
        /// Read a secret's value.
        case get
        /// List secrets and versions.
        case list
        /// Create versions and update attributes.
        case set
        /// Delete a secret.
        case delete
        /// Recover a deleted secret.
        case recover
        /// Purge a deleted secret.
        case purge
    }

    /// Permissions given to one principal: a role assignment or an access policy.
    public struct Grant: Codable, Sendable, Equatable {
        /// The principal's object ID or client (application) ID.
        public var principal: String
        /// What the principal may do.
        public var permissions: [Permission]

        /// Creates a grant.
        public init(principal: String, permissions: [Permission]) {
            self.principal = principal
            self.permissions = permissions
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case principal
            case permissions
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            principal = try container.decode(String.self, forKey: .principal)
            permissions = try container.decode([Permission].self, forKey: .permissions)
        }
    }

    /// A secret and its versions.
    public struct Secret: Codable, Sendable, Equatable {
        /// The secret name (1 to 127 of `0-9a-zA-Z-`).
        public var name: String
        /// The versions, oldest first; the last one is the current version.
        public var versions: [SecretVersion]

        /// Creates a secret.
        public init(name: String, versions: [SecretVersion]) {
            self.name = name
            self.versions = versions
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case versions
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            versions = try container.decode([SecretVersion].self, forKey: .versions)
        }
    }

    /// One version of a secret.
    public struct SecretVersion: Codable, Sendable, Equatable {
        /// The version ID (32 lower-case hex); derived from vault, name and position when left out.
        public var version: String?
        /// The value (plain test data).
        public var value: String
        /// The content type, free text.
        public var contentType: String?
        /// The tags, or `nil` for none.
        public var tags: [String: String]?
        /// Whether the version may be read. Default `true`.
        public var enabled: Bool
        /// Not valid before (JSON `nbf`); advisory, reads still work.
        public var notBefore: Date?
        /// Expiry (JSON `exp`); advisory, reads still work.
        public var expires: Date?
        /// Creation time (JSON `created`); the emulator's start time when left out.
        public var created: Date?

        /// Creates a version.
        public init(
            version: String? = nil,
            value: String,
            contentType: String? = nil,
            tags: [String: String]? = nil,
            enabled: Bool = true,
            notBefore: Date? = nil,
            expires: Date? = nil,
            created: Date? = nil
        ) {
            self.version = version
            self.value = value
            self.contentType = contentType
            self.tags = tags
            self.enabled = enabled
            self.notBefore = notBefore
            self.expires = expires
            self.created = created
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case version
            case value
            case contentType
            case tags
            case enabled
            case notBefore = "nbf"
            case expires = "exp"
            case created
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decodeIfPresent(String.self, forKey: .version)
            value = try container.decode(String.self, forKey: .value)
            contentType = try container.decodeIfPresent(String.self, forKey: .contentType)
            tags = try container.decodeIfPresent([String: String].self, forKey: .tags)
            enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
            notBefore = try container.decodeTimeIfPresent(forKey: .notBefore)
            expires = try container.decodeTimeIfPresent(forKey: .expires)
            created = try container.decodeTimeIfPresent(forKey: .created)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(version, forKey: .version)
            try container.encode(value, forKey: .value)
            try container.encodeIfPresent(contentType, forKey: .contentType)
            try container.encodeIfPresent(tags, forKey: .tags)
            try container.encode(enabled, forKey: .enabled)
            try container.encodeTimeIfPresent(notBefore, forKey: .notBefore)
            try container.encodeTimeIfPresent(expires, forKey: .expires)
            try container.encodeTimeIfPresent(created, forKey: .created)
        }
    }
}

extension EmulatorSeed.SecretVersion: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let marker = MidkvSupport.Secret.redactionMarker
        return "SecretVersion(version: \(version ?? "derived"), value: \(marker), enabled: \(enabled))"
    }

    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        let children: KeyValuePairs<String, Any> = [
            "version": version as Any, "contentType": contentType as Any, "enabled": enabled,
        ]
        return Mirror(self, children: children, displayStyle: .struct)
    }
}
