extension EmulatorSeed {
    func validateVaults() throws(EmulatorSeedError) {
        var hosts: Set<String> = []
        for (index, vault) in vaults.enumerated() {
            let path = "vaults[\(index)]"
            try validate(vault, path: path)
            if !hosts.insert(vault.host).inserted {
                throw EmulatorSeedError(.duplicate, path: "\(path).name", "vault host \(vault.host) appears twice")
            }
        }
    }

    private func validate(_ vault: Vault, path: String) throws(EmulatorSeedError) {
        guard Identifiers.isVaultName(vault.name) else {
            let message = """
                '\(vault.name)' is not a vault name: 3-24 letters, digits and single hyphens, \
                starting with a letter and ending with a letter or digit
                """
            throw EmulatorSeedError(.invalidValue, path: "\(path).name", message)
        }
        try requireTenant(vault.tenant, path: "\(path).tenant")

        if let subscription = vault.subscriptionID {
            try Self.requireGUID(subscription, path: "\(path).subscriptionId", what: "a subscription ID")
        }
        if vault.region.isEmpty {
            throw EmulatorSeedError(
                .invalidValue,
                path: "\(path).region",
                "the region cannot be empty; write e.g. eastus"
            )
        }

        if !(7...90).contains(vault.softDeleteRetentionDays) {
            let message = "Key Vault keeps deleted secrets for 7 to 90 days"
            throw EmulatorSeedError(.invalidValue, path: "\(path).softDeleteRetentionDays", message)
        }

        try validateNetwork(vault, path: path)
        try validateSecrets(vault.secrets, path: "\(path).secrets")
    }

    private func validateNetwork(_ vault: Vault, path: String) throws(EmulatorSeedError) {
        for (index, address) in (vault.firewall?.allowedAddresses ?? []).enumerated() where AddressRange(address) == nil
        {
            let message = "'\(address)' is not an address or CIDR range such as 203.0.113.0/24"
            throw EmulatorSeedError(.invalidValue, path: "\(path).firewall.allowedAddresses[\(index)]", message)
        }

        for (index, grant) in vault.grants.enumerated() where grant.principal.isEmpty {
            let message = "write the principal's object ID or client ID"
            throw EmulatorSeedError(.invalidValue, path: "\(path).grants[\(index)].principal", message)
        }
    }

    private func validateSecrets(_ secrets: [Secret], path: String) throws(EmulatorSeedError) {
        var names: Set<String> = []
        for (index, secret) in secrets.enumerated() {
            let secretPath = "\(path)[\(index)]"
            guard Identifiers.isSecretName(secret.name) else {
                let message = "'\(secret.name)' is not a secret name: 1-127 letters, digits and hyphens"
                throw EmulatorSeedError(.invalidValue, path: "\(secretPath).name", message)
            }

            if !names.insert(secret.name.lowercased()).inserted {
                let message = "secret '\(secret.name)' appears twice (names ignore case)"
                throw EmulatorSeedError(.duplicate, path: "\(secretPath).name", message)
            }
            try validateVersions(secret.versions, path: "\(secretPath).versions")
        }
    }

    private func validateVersions(_ versions: [SecretVersion], path: String) throws(EmulatorSeedError) {
        guard !versions.isEmpty else {
            throw EmulatorSeedError(.invalidValue, path: path, "a secret needs at least one version")
        }

        var seen: Set<String> = []
        for (index, version) in versions.enumerated() {
            if let id = version.version, !Identifiers.isVersionID(id) || !seen.insert(id.lowercased()).inserted {
                let message = "'\(id)' must be 32 hexadecimal characters, unique within the secret"
                throw EmulatorSeedError(.invalidValue, path: "\(path)[\(index)].version", message)
            }

            if let contentType = version.contentType, contentType.count > 255 {
                let message = "a content type has at most 255 characters"
                throw EmulatorSeedError(.invalidValue, path: "\(path)[\(index)].contentType", message)
            }
        }
    }
}

extension EmulatorSeed.Faults {
    func validate(path: String) throws(EmulatorSeedError) {
        if let throttle, throttle.count < 0 || (throttle.retryAfterSeconds ?? 0) < 0 {
            throw EmulatorSeedError(
                .invalidValue,
                path: "\(path).throttle",
                "count and retryAfterSeconds cannot be negative"
            )
        }
        if let serverError, serverError.count < 0 || !(500...599).contains(serverError.status) {
            throw EmulatorSeedError(
                .invalidValue,
                path: "\(path).serverError",
                "count must be 0 or more, status 500-599"
            )
        }

        if let delay, delay.milliseconds < 0 || (delay.count ?? 0) < 0 {
            throw EmulatorSeedError(.invalidValue, path: "\(path).delay", "milliseconds and count cannot be negative")
        }
        if let connection, connection.count < 0 || connection.hangMilliseconds < 0 {
            throw EmulatorSeedError(
                .invalidValue,
                path: "\(path).connection",
                "count and hangMilliseconds cannot be negative"
            )
        }
    }
}
