import Foundation

/// The identities of a seed, resolved once: tenants, app registrations and managed identities.
///
/// This part of the world never changes at run time, so it lives outside the emulator's lock.
struct Directory: Sendable {
    /// A tenant with its ID in lower case.
    struct Tenant: Sendable {
        var id: String
        var displayName: String
        var domains: [String]
    }

    /// A principal that tokens are issued to.
    struct Principal: Sendable, Equatable {
        var tenantID: String
        var clientID: String
        var objectID: String
        var resourceID: String?
    }

    /// An app registration with its resolved tenant.
    struct Application: Sendable {
        var principal: Principal
        var secrets: [EmulatorSeed.ClientSecret]
        var certificates: [RegisteredCertificate] = []
        var federatedCredentials: [EmulatorSeed.FederatedCredential] = []
    }

    /// The Azure Arc agent: where it writes key files, and the machine's identity.
    struct ArcAgent: Sendable {
        var keyFolder: String
        var principal: Principal
    }

    let tenants: [Tenant]
    let applications: [Application]
    let machineIdentities: [Principal]
    let machineHasSystemIdentity: Bool
    let appServiceHeader: String?
    let appServiceIdentities: [Principal]
    let appServiceHasSystemIdentity: Bool
    let tokenLifetime: Int
    let managedIdentityTokenLifetime: Int
    let workloadIssuers: [String: IssuerKey]
    let arcAgent: ArcAgent?

    init(seed: EmulatorSeed) {
        tenants = seed.tenants.map { tenant in
            Tenant(id: tenant.id.lowercased(), displayName: tenant.displayName ?? tenant.id, domains: tenant.domains)
        }
        applications = seed.applications.map { app in
            let principal = Principal(
                tenantID: seed.tenantID(for: app.tenant) ?? app.tenant.lowercased(),
                clientID: app.clientID.lowercased(),
                objectID: app.effectiveObjectID
            )
            return Application(
                principal: principal,
                secrets: app.secrets,
                certificates: app.certificates.compactMap(RegisteredCertificate.init),
                federatedCredentials: app.federatedCredentials
            )
        }

        let machine = seed.managedIdentities
        machineIdentities = Self.principals(machine, seed: seed)
        machineHasSystemIdentity = machine.systemAssigned != nil
        appServiceHeader = seed.appService?.identityHeader
        appServiceIdentities = seed.appService.map { Self.principals($0.identities, seed: seed) } ?? []
        appServiceHasSystemIdentity = seed.appService?.identities.systemAssigned != nil
        tokenLifetime = seed.tokenLifetimeSeconds
        managedIdentityTokenLifetime = seed.managedIdentityTokenLifetimeSeconds
        workloadIssuers = Self.issuerKeys(seed)
        arcAgent = seed.arc.flatMap { arc in
            Self.principals(EmulatorSeed.ManagedIdentities(systemAssigned: arc.identity), seed: seed).first.map {
                ArcAgent(keyFolder: arc.keyFolder, principal: $0)
            }
        }
    }

    /// The tenant that `reference` (an ID or domain, any case) names.
    func tenant(_ reference: String) -> Tenant? {
        let wanted = reference.lowercased()
        return tenants.first { tenant in
            tenant.id == wanted || tenant.domains.contains { $0.lowercased() == wanted }
        }
    }

    /// The app registration `clientID` in `tenantID`.
    func application(tenantID: String, clientID: String) -> Application? {
        let wanted = clientID.lowercased()
        return applications.first { $0.principal.tenantID == tenantID && $0.principal.clientID == wanted }
    }

    /// Principals of an identity set: the system-assigned one first, then user-assigned ones.
    static func principals(_ identities: EmulatorSeed.ManagedIdentities, seed: EmulatorSeed) -> [Principal] {
        let all = [identities.systemAssigned].compactMap { $0 } + identities.userAssigned
        return all.map { identity in
            Principal(
                tenantID: seed.tenantID(for: identity.tenant) ?? identity.tenant.lowercased(),
                clientID: identity.clientID.lowercased(),
                objectID: identity.objectID.lowercased(),
                resourceID: identity.resourceID
            )
        }
    }
}
