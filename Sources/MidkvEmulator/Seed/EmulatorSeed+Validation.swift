extension EmulatorSeed {
    /// Checks the rules JSON decoding cannot: ID shapes, name rules, references and uniqueness.
    ///
    /// ``decode(_:)`` and ``load(contentsOf:)`` call this; call it yourself for a seed built in
    /// code. The emulator runs any seed, but answers for invalid parts are undefined.
    ///
    /// - Throws: ``EmulatorSeedError`` naming the JSON path of the first problem.
    public func validate() throws(EmulatorSeedError) {
        try validateTenants()
        for (index, application) in applications.enumerated() {
            try validate(application, path: "applications[\(index)]")
        }
        try validate(managedIdentities, path: "managedIdentities")

        if let appService {
            try validate(appService, path: "appService")
        }
        try validateWorkloadAndArc()
        try validateVaults()
        try validateSettings()
        try faults.validate(path: "faults")
    }

    /// The tenant ID that `reference` (an ID or a domain name) names, if any.
    func tenantID(for reference: String) -> String? {
        let wanted = reference.lowercased()
        let tenant = tenants.first { tenant in
            tenant.id.lowercased() == wanted || tenant.domains.contains { $0.lowercased() == wanted }
        }
        return tenant?.id.lowercased()
    }

    private func validateTenants() throws(EmulatorSeedError) {
        var seen: Set<String> = []
        for (index, tenant) in tenants.enumerated() {
            let path = "tenants[\(index)]"
            try Self.requireGUID(tenant.id, path: "\(path).id", what: "a tenant ID")
            if tenant.id == Identifiers.emptyGUID {
                throw EmulatorSeedError(.invalidValue, path: "\(path).id", "the all-zero GUID cannot be a tenant ID")
            }

            for (domainIndex, domain) in tenant.domains.enumerated() where !Identifiers.isDomainName(domain) {
                let message = "'\(domain)' is not a domain name such as contoso.onmicrosoft.com"
                throw EmulatorSeedError(.invalidValue, path: "\(path).domains[\(domainIndex)]", message)
            }

            for name in [tenant.id] + tenant.domains where !seen.insert(name.lowercased()).inserted {
                throw EmulatorSeedError(.duplicate, path: path, "'\(name)' names more than one tenant")
            }
        }
    }

    private func validate(_ application: Application, path: String) throws(EmulatorSeedError) {
        try requireTenant(application.tenant, path: "\(path).tenant")
        try Self.requireGUID(application.clientID, path: "\(path).clientId", what: "a client ID")
        if let objectID = application.objectID {
            try Self.requireGUID(objectID, path: "\(path).objectId", what: "an object ID")
        }

        for (index, secret) in application.secrets.enumerated() where secret.value.isEmpty {
            throw EmulatorSeedError(
                .invalidValue,
                path: "\(path).secrets[\(index)].value",
                "a client secret cannot be empty"
            )
        }

        try validateCredentials(of: application, path: path)

        let siblings = applications.filter { other in
            tenantID(for: other.tenant) == tenantID(for: application.tenant)
                && other.clientID.lowercased() == application.clientID.lowercased()
        }
        if siblings.count > 1 {
            let message = "client ID \(application.clientID) appears twice in one tenant"
            throw EmulatorSeedError(.duplicate, path: "\(path).clientId", message)
        }
    }

    private func validate(_ identities: ManagedIdentities, path: String) throws(EmulatorSeedError) {
        if let system = identities.systemAssigned {
            try validate(system, path: "\(path).systemAssigned")
        }

        var seen: Set<String> = []
        for (index, identity) in identities.userAssigned.enumerated() {
            try validate(identity, path: "\(path).userAssigned[\(index)]")
            if !seen.insert(identity.clientID.lowercased()).inserted {
                let message = "client ID \(identity.clientID) appears twice"
                throw EmulatorSeedError(.duplicate, path: "\(path).userAssigned[\(index)].clientId", message)
            }
        }
    }

    private func validate(_ identity: ManagedIdentity, path: String) throws(EmulatorSeedError) {
        try requireTenant(identity.tenant, path: "\(path).tenant")
        try Self.requireGUID(identity.clientID, path: "\(path).clientId", what: "a client ID")
        try Self.requireGUID(identity.objectID, path: "\(path).objectId", what: "an object ID")
    }

    private func validate(_ appService: AppService, path: String) throws(EmulatorSeedError) {
        guard !appService.identityHeader.isEmpty else {
            throw EmulatorSeedError(
                .invalidValue,
                path: "\(path).identityHeader",
                "the identity header cannot be empty"
            )
        }
        try validate(appService.identities, path: "\(path).identities")
    }

    private func validateSettings() throws(EmulatorSeedError) {
        if tokenLifetimeSeconds < 1 {
            throw EmulatorSeedError(.invalidValue, path: "tokenLifetimeSeconds", "must be at least 1")
        }
        if managedIdentityTokenLifetimeSeconds < 1 {
            throw EmulatorSeedError(.invalidValue, path: "managedIdentityTokenLifetimeSeconds", "must be at least 1")
        }

        if let clientAddress, AddressRange(clientAddress) == nil || clientAddress.contains("/") {
            let message = "'\(clientAddress)' is not an IPv4 or IPv6 address"
            throw EmulatorSeedError(.invalidValue, path: "clientAddress", message)
        }
    }

    func requireTenant(_ reference: String, path: String) throws(EmulatorSeedError) {
        guard tenantID(for: reference) != nil else {
            let message = "no tenant with ID or domain '\(reference)'; add it to tenants or fix the reference"
            throw EmulatorSeedError(.unknownReference, path: path, message)
        }
    }

    static func requireGUID(_ value: String, path: String, what: String) throws(EmulatorSeedError) {
        guard Identifiers.isGUID(value) else {
            let message = "'\(value)' is not \(what); write a GUID such as 11111111-2222-3333-4444-555555555555"
            throw EmulatorSeedError(.invalidValue, path: path, message)
        }
    }
}
