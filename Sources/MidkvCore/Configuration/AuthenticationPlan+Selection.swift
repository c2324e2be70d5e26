import Foundation
import MidkvSupport

extension AuthenticationPlan {
    /// Chooses the authentication method for `settings`.
    ///
    /// - Throws: ``MidkvError`` with code
    ///   - `config.missing-parameter` when a client certificate, client secret or federated
    ///     token file is set but the tenant or client ID is not;
    ///   - `config.encrypted-value` when a value the plan needs exists only encrypted by the MID;
    ///   - `config.placeholder` for an empty, `null` or template value (`<tenant_id>`);
    ///   - `config.invalid-guid` for a tenant that is neither a GUID nor a domain, or a client
    ///     ID that is not a GUID;
    ///   - `config.invalid-value` when the token URL cannot be built.
    public init(settings: Settings) throws {
        if let files = settings.clientCertificateFiles {
            self = try Self.certificatePlan(settings, files: files)
        } else if let encrypted = Self.unavailable(.clientCertificate, in: settings) {
            throw Self.encryptedError([encrypted], purpose: "certificate sign-in")
        } else if let secret = settings.clientSecret {
            self = try Self.clientSecretPlan(settings, secret: secret)
        } else if let encrypted = Self.unavailable(.clientSecret, in: settings) {
            throw Self.encryptedError([encrypted], purpose: "client-secret sign-in")
        } else if let tokenFile = settings.federatedTokenFile {
            self = try Self.workloadIdentityPlan(settings, tokenFile: tokenFile)
        } else {
            self = try Self.managedIdentityPlan(settings)
        }
    }

    // MARK: - Client secret

    private static func clientSecretPlan(_ settings: Settings, secret: Setting<Secret>) throws -> AuthenticationPlan {
        let credential = Credential(phrase: "a client secret", source: secret.source, purpose: "client-secret sign-in")
        let (tenant, client) = try requireIdentifiers(settings, for: credential)
        try validateTenant(tenant)
        try validateClientID(client, role: "application (client) ID")
        try validateSecret(secret)

        let tokenURL = try tokenURL(settings, tenant: tenant)
        let credentials = ClientSecret(
            tenantID: tenant,
            clientID: client,
            secret: secret,
            tokenURL: tokenURL,
            scope: settings.scope.value
        )
        return AuthenticationPlan(
            method: .clientSecret(credentials),
            considerations: considerations(
                settings,
                chosen: .clientSecret,
                reason: "a client secret is set (\(secret.source)) together with a tenant and client ID"
            ),
            findings: secretFindings(secret) + ignoredCredentials(settings, chosen: .clientSecret),
            summary: "Client secret sign-in as \(client.value) (\(client.source)) in tenant \(tenant.value) "
                + "(\(tenant.source)), secret from \(secret.source), token URL \(tokenURL.absoluteString), "
                + "scope \(settings.scope.value)."
        )
    }

    private static func secretFindings(_ secret: Setting<Secret>) -> [Finding] {
        guard IdentifierRules.isGUID(secret.value.reveal()) else {
            return []
        }

        return [
            Finding(
                check: "config",
                severity: .warning,
                code: .configSecretLooksLikeID,
                message: "the client secret from \(secret.source) has the shape of a GUID, like a secret's ID",
                evidence: [Evidence("source", secret.source.description), Evidence("length", "36")],
                cause: "The Azure portal lists each client secret with a Secret ID (a GUID) and its Value.",
                fix: "Copy the secret's Value, shown only when the secret is created; create a new secret if it "
                    + "is no longer visible."
            )
        ]
    }

    // MARK: - Helpers

    /// The credential a mode found, for messages about what else it needs.
    struct Credential {
        /// `a client secret`, `a client certificate`, `a federated token file`.
        var phrase: String
        /// Where it was set.
        var source: SettingSource
        /// `client-secret sign-in`.
        var purpose: String
    }

    /// The tenant and client ID a sign-in with `credential` needs.
    static func requireIdentifiers(
        _ settings: Settings,
        for credential: Credential
    ) throws -> (Setting<String>, Setting<String>) {
        let required: [(SettingKey, Setting<String>?)] = [
            (.tenantID, settings.tenantID), (.clientID, settings.clientID),
        ]
        let absent = required.filter { $0.1 == nil }.map(\.0)
        let missing = absent.filter { unavailable($0, in: settings) == nil }
        let encrypted = absent.compactMap { unavailable($0, in: settings) }

        if !missing.isEmpty {
            throw missingError(missing, for: credential)
        }

        guard let tenant = settings.tenantID, let client = settings.clientID else {
            throw encryptedError(encrypted, purpose: credential.purpose)
        }
        return (tenant, client)
    }

    /// The token URL for `tenant`.
    static func tokenURL(_ settings: Settings, tenant: Setting<String>) throws -> URL {
        guard let tokenURL = settings.tokenURL(tenant: tenant.value) else {
            throw SettingsResolver.invalidValue(
                settings.tokenURLTemplate.source,
                shown: settings.tokenURLTemplate.value,
                problem: "does not form a URL with the tenant \(tenant.value)",
                fix: "Write the token URL as an absolute https URL with %s where the tenant goes."
            )
        }
        return tokenURL
    }

    /// The encrypted value recorded for `key` that nothing else replaces.
    static func unavailable(_ key: SettingKey, in settings: Settings) -> EncryptedConfigValue? {
        settings.encryptedValues.first { $0.key == key && !$0.isSuperseded }
    }

    /// The v1 resource of a scope: the scope without a trailing `/.default`.
    static func resource(ofScope scope: String) -> String {
        scope.hasSuffix("/.default") ? String(scope.dropLast("/.default".count)) : scope
    }
}
