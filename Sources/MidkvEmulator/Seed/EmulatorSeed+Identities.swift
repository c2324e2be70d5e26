import Foundation
import MidkvSupport

extension EmulatorSeed {
    /// An Entra ID tenant (directory).
    public struct Tenant: Codable, Sendable, Equatable {
        /// The tenant ID, a GUID.
        public var id: String
        /// The directory's display name, used in Entra messages; defaults to the ID.
        public var displayName: String?
        /// Domain names that also name the tenant in token URLs (`contoso.onmicrosoft.com`).
        public var domains: [String]

        /// Creates a tenant.
        public init(id: String, displayName: String? = nil, domains: [String] = []) {
            self.id = id
            self.displayName = displayName
            self.domains = domains
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id
            case displayName
            case domains
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            domains = try container.decodeIfPresent([String].self, forKey: .domains) ?? []
        }
    }

    /// An app registration (and its service principal) in one tenant.
    public struct Application: Codable, Sendable, Equatable {
        /// The tenant ID or a domain name of the tenant the app lives in.
        public var tenant: String
        /// The application (client) ID, a GUID.
        public var clientID: String
        /// The service principal's object ID (the token's `oid`); derived from the client ID
        /// when left out.
        public var objectID: String?
        /// The app's display name.
        public var displayName: String
        /// The client secrets that authenticate the app.
        public var secrets: [ClientSecret]
        /// The certificates whose keys may sign client assertions for the app.
        public var certificates: [AppCertificate]
        /// The external tokens the app trusts (workload identity federation).
        public var federatedCredentials: [FederatedCredential]

        /// Creates an app registration.
        public init(
            tenant: String,
            clientID: String,
            objectID: String? = nil,
            displayName: String = "app",
            secrets: [ClientSecret] = [],
            certificates: [AppCertificate] = [],
            federatedCredentials: [FederatedCredential] = []
        ) {
            self.tenant = tenant
            self.clientID = clientID
            self.objectID = objectID
            self.displayName = displayName
            self.secrets = secrets
            self.certificates = certificates
            self.federatedCredentials = federatedCredentials
        }

        /// The object ID as tokens carry it: the seeded one, or one derived from the client ID.
        public var effectiveObjectID: String {
            objectID?.lowercased() ?? Identifiers.derivedGUID("service-principal:\(clientID.lowercased())")
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case tenant
            case clientID = "clientId"
            case objectID = "objectId"
            case displayName
            case secrets
            case certificates
            case federatedCredentials
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            tenant = try container.decode(String.self, forKey: .tenant)
            clientID = try container.decode(String.self, forKey: .clientID)
            objectID = try container.decodeIfPresent(String.self, forKey: .objectID)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? "app"
            secrets = try container.decodeIfPresent([ClientSecret].self, forKey: .secrets) ?? []
            certificates = try container.decodeIfPresent([AppCertificate].self, forKey: .certificates) ?? []
            federatedCredentials =
                try container.decodeIfPresent([FederatedCredential].self, forKey: .federatedCredentials) ?? []
        }
    }

    /// One client secret of an app registration.
    public struct ClientSecret: Codable, Sendable, Equatable {
        /// The secret's value, as a client sends it (plain test data).
        public var value: String
        /// When the secret stops working; `nil` for never.
        public var expires: Date?

        /// Creates a client secret.
        public init(value: String, expires: Date? = nil) {
            self.value = value
            self.expires = expires
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case value
            case expires
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = try container.decode(String.self, forKey: .value)
            expires = try container.decodeTimeIfPresent(forKey: .expires)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(value, forKey: .value)
            try container.encodeTimeIfPresent(expires, forKey: .expires)
        }
    }

    /// A managed identity: system-assigned or user-assigned.
    public struct ManagedIdentity: Codable, Sendable, Equatable {
        /// The tenant ID of the identity's tenant.
        public var tenant: String
        /// The identity's client ID, a GUID.
        public var clientID: String
        /// The identity's object (principal) ID, a GUID.
        public var objectID: String
        /// The ARM resource ID (user-assigned identities), matched by `msi_res_id`/`mi_res_id`.
        public var resourceID: String?

        /// Creates a managed identity.
        public init(tenant: String, clientID: String, objectID: String, resourceID: String? = nil) {
            self.tenant = tenant
            self.clientID = clientID
            self.objectID = objectID
            self.resourceID = resourceID
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case tenant
            case clientID = "clientId"
            case objectID = "objectId"
            case resourceID = "resourceId"
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            tenant = try container.decode(String.self, forKey: .tenant)
            clientID = try container.decode(String.self, forKey: .clientID)
            objectID = try container.decode(String.self, forKey: .objectID)
            resourceID = try container.decodeIfPresent(String.self, forKey: .resourceID)
        }
    }

    /// The identities attached to the virtual machine that IMDS answers for.
    public struct ManagedIdentities: Codable, Sendable, Equatable {
        /// The system-assigned identity, if enabled.
        public var systemAssigned: ManagedIdentity?
        /// The user-assigned identities attached to the machine.
        public var userAssigned: [ManagedIdentity]

        /// Creates an identity set.
        public init(systemAssigned: ManagedIdentity? = nil, userAssigned: [ManagedIdentity] = []) {
            self.systemAssigned = systemAssigned
            self.userAssigned = userAssigned
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case systemAssigned
            case userAssigned
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            systemAssigned = try container.decodeIfPresent(ManagedIdentity.self, forKey: .systemAssigned)
            userAssigned = try container.decodeIfPresent([ManagedIdentity].self, forKey: .userAssigned) ?? []
        }
    }

    /// The App Service (Functions) identity endpoint, `IDENTITY_ENDPOINT` at `/msi/token`.
    public struct AppService: Codable, Sendable, Equatable {
        /// The `IDENTITY_HEADER` value callers must send as `X-IDENTITY-HEADER`.
        public var identityHeader: String
        /// The identities of the app.
        public var identities: ManagedIdentities

        /// Creates an App Service endpoint.
        public init(identityHeader: String, identities: ManagedIdentities) {
            self.identityHeader = identityHeader
            self.identities = identities
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case identityHeader
            case identities
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            identityHeader = try container.decode(String.self, forKey: .identityHeader)
            identities =
                try container.decodeIfPresent(ManagedIdentities.self, forKey: .identities) ?? ManagedIdentities()
        }
    }
}

extension EmulatorSeed.ClientSecret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "ClientSecret(value: \(MidkvSupport.Secret.redactionMarker), expires: \(expires.map { "\($0)" } ?? "never"))"
    }

    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["expires": expires as Any], displayStyle: .struct)
    }
}

extension EmulatorSeed.AppService: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "AppService(identityHeader: \(MidkvSupport.Secret.redactionMarker), identities: \(identities))"
    }

    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["identities": identities], displayStyle: .struct)
    }
}
