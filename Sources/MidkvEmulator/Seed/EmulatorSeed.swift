import Foundation

/// The emulator's starting world: tenants, app registrations, managed identities, vaults and
/// secrets, plus faults to inject from the first request on.
///
/// A seed is a JSON object; every field except `tenants` may be left out. Times are whole Unix
/// seconds or ISO 8601 text. Names and IDs compare without regard to case, as Azure does.
///
/// ```json
/// {
///   "tenants": [{"id": "11111111-2222-3333-4444-555555555555", "domains": ["contoso.onmicrosoft.com"]}],
///   "applications": [{
///     "tenant": "11111111-2222-3333-4444-555555555555",
///     "clientId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
///     "displayName": "midkv-discovery",
///     "secrets": [{"value": "test-secret-value", "expires": "2030-01-01T00:00:00Z"}]
///   }],
///   "vaults": [{
///     "name": "kv-contoso", "tenant": "11111111-2222-3333-4444-555555555555",
///     "authorization": "rbac", "region": "eastus",
///     "grants": [{"principal": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "permissions": ["get", "list"]}],
///     "secrets": [{"name": "linux-root-ssh", "versions": [{"value": "{\"type\":\"ssh_password\"}"}]}]
///   }]
/// }
/// ```
///
/// Secret values and client secrets in a seed are plain test data. The seed's descriptions
/// redact them all the same.
public struct EmulatorSeed: Codable, Sendable, Equatable {
    /// The Entra ID tenants (directories) that exist. Required.
    public var tenants: [Tenant]
    /// App registrations that can get tokens with the client-credentials grant.
    public var applications: [Application]
    /// The managed identities of the virtual machine IMDS answers for.
    public var managedIdentities: ManagedIdentities
    /// The App Service identity endpoint, or `nil` when it does not answer.
    public var appService: AppService?
    /// The Azure Arc agent's identity endpoint, or `nil` when it does not answer.
    public var arc: ArcMachine?
    /// Issuers of federated tokens with their keys; issuers that federated credentials name
    /// are added as emulator-owned issuers when missing.
    public var workloadIssuers: [WorkloadIssuer]
    /// The key vaults and their secrets.
    public var vaults: [Vault]
    /// The address vaults see for every caller (as behind NAT or a proxy), used by firewall
    /// rules and `x-ms-keyvault-network-info`. When `nil`, the connection's peer address.
    public var clientAddress: String?
    /// The lifetime of tokens from the Entra token endpoint, in seconds. Default 3599.
    public var tokenLifetimeSeconds: Int
    /// The lifetime of managed identity tokens (IMDS, App Service), in seconds. Default 86399.
    public var managedIdentityTokenLifetimeSeconds: Int
    /// Faults in force from the start.
    public var faults: Faults

    /// Creates a seed.
    public init(
        tenants: [Tenant],
        applications: [Application] = [],
        managedIdentities: ManagedIdentities = ManagedIdentities(),
        appService: AppService? = nil,
        arc: ArcMachine? = nil,
        workloadIssuers: [WorkloadIssuer] = [],
        vaults: [Vault] = [],
        clientAddress: String? = nil,
        tokenLifetimeSeconds: Int = 3599,
        managedIdentityTokenLifetimeSeconds: Int = 86399,
        faults: Faults = Faults()
    ) {
        self.tenants = tenants
        self.applications = applications
        self.managedIdentities = managedIdentities
        self.appService = appService
        self.arc = arc
        self.workloadIssuers = workloadIssuers
        self.vaults = vaults
        self.clientAddress = clientAddress
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.managedIdentityTokenLifetimeSeconds = managedIdentityTokenLifetimeSeconds
        self.faults = faults
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case tenants
        case applications
        case managedIdentities
        case appService
        case arc
        case workloadIssuers
        case vaults
        case clientAddress
        case tokenLifetimeSeconds
        case managedIdentityTokenLifetimeSeconds
        case faults
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tenants = try container.decode([Tenant].self, forKey: .tenants)
        applications = try container.decodeIfPresent([Application].self, forKey: .applications) ?? []
        managedIdentities =
            try container.decodeIfPresent(ManagedIdentities.self, forKey: .managedIdentities)
            ?? ManagedIdentities()
        appService = try container.decodeIfPresent(AppService.self, forKey: .appService)
        arc = try container.decodeIfPresent(ArcMachine.self, forKey: .arc)
        workloadIssuers = try container.decodeIfPresent([WorkloadIssuer].self, forKey: .workloadIssuers) ?? []
        vaults = try container.decodeIfPresent([Vault].self, forKey: .vaults) ?? []
        clientAddress = try container.decodeIfPresent(String.self, forKey: .clientAddress)
        tokenLifetimeSeconds = try container.decodeIfPresent(Int.self, forKey: .tokenLifetimeSeconds) ?? 3599
        managedIdentityTokenLifetimeSeconds =
            try container.decodeIfPresent(Int.self, forKey: .managedIdentityTokenLifetimeSeconds) ?? 86399
        faults = try container.decodeIfPresent(Faults.self, forKey: .faults) ?? Faults()
    }
}

extension EmulatorSeed {
    /// Decodes and validates a seed from JSON.
    ///
    /// - Throws: ``EmulatorSeedError`` naming the JSON path of the first problem.
    public static func decode(_ data: Data) throws(EmulatorSeedError) -> EmulatorSeed {
        let seed: EmulatorSeed
        do {
            seed = try JSONDecoder().decode(EmulatorSeed.self, from: data)
        } catch let error as EmulatorSeedError {
            throw error
        } catch let error as DecodingError {
            throw Self.translate(error, data: data)
        } catch {
            throw EmulatorSeedError(.notJSON, path: "", "the seed could not be decoded")
        }

        try seed.validate()
        return seed
    }

    /// Reads, decodes and validates the seed file at `path`.
    ///
    /// - Throws: ``EmulatorSeedError``: `seed.unreadable` when the file cannot be read, else as
    ///   ``decode(_:)``.
    public static func load(contentsOf path: String) throws(EmulatorSeedError) -> EmulatorSeed {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmulatorSeedError(.unreadable, path: "", "cannot read the seed file \(path); check the path")
        }
        return try decode(data)
    }

    private static func translate(_ error: DecodingError, data: Data) -> EmulatorSeedError {
        switch error {
        case .typeMismatch(let type, let context):
            let path = EmulatorSeedError.render(context.codingPath)
            return EmulatorSeedError(.wrongType, path: path, "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            let path = EmulatorSeedError.render(context.codingPath)
            return EmulatorSeedError(.wrongType, path: path, "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            let path = EmulatorSeedError.render(context.codingPath + [key])
            return EmulatorSeedError(.missingField, path: path, "required field '\(key.stringValue)' is missing")
        case .dataCorrupted(let context):
            return corrupted(context, data: data)
        @unknown default:
            return EmulatorSeedError(.notJSON, path: "", "the seed could not be decoded")
        }
    }

    private static func corrupted(_ context: DecodingError.Context, data: Data) -> EmulatorSeedError {
        guard context.codingPath.isEmpty else {
            let path = EmulatorSeedError.render(context.codingPath)
            return EmulatorSeedError(.invalidValue, path: path, "the value cannot be used here")
        }

        var detail = "the seed is not valid JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            if let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
                detail += " (\(reason))"
            }
        }
        return EmulatorSeedError(.notJSON, path: "", detail)
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
