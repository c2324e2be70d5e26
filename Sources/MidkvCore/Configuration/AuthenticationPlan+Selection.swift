import Foundation
import MidkvSupport

extension AuthenticationPlan {
    /// Chooses the authentication method for `settings`.
    ///
    /// - Throws: ``MidkvError`` with code
    ///   - `config.missing-parameter` when a client secret is set but the tenant or client ID
    ///     is not;
    ///   - `config.encrypted-value` when a value the plan needs exists only encrypted by the MID;
    ///   - `config.placeholder` for an empty, `null` or template value (`<tenant_id>`);
    ///   - `config.invalid-guid` for a tenant that is neither a GUID nor a domain, or a client
    ///     ID that is not a GUID;
    ///   - `config.invalid-value` when the token URL cannot be built.
    public init(settings: Settings) throws {
        if let secret = settings.clientSecret {
            self = try Self.clientSecretPlan(settings, secret: secret)
        } else if let encrypted = Self.unavailable(.clientSecret, in: settings) {
            throw Self.encryptedError([encrypted], purpose: "client-secret sign-in")
        } else {
            self = try Self.managedIdentityPlan(settings)
        }
    }

    // MARK: - Client secret

    private static func clientSecretPlan(_ settings: Settings, secret: Setting<Secret>) throws -> AuthenticationPlan {
        let (tenant, client) = try requireIdentifiers(settings, secret: secret)
        try validateTenant(tenant)
        try validateClientID(client, role: "application (client) ID")
        try validateSecret(secret)

        guard let tokenURL = settings.tokenURL(tenant: tenant.value) else {
            throw SettingsResolver.invalidValue(
                settings.tokenURLTemplate.source,
                shown: settings.tokenURLTemplate.value,
                problem: "does not form a URL with the tenant \(tenant.value)",
                fix: "Write the token URL as an absolute https URL with %s where the tenant goes."
            )
        }

        let credentials = ClientSecret(
            tenantID: tenant,
            clientID: client,
            secret: secret,
            tokenURL: tokenURL,
            scope: settings.scope.value
        )
        return AuthenticationPlan(
            method: .clientSecret(credentials),
            considerations: clientSecretConsiderations(secret),
            findings: secretFindings(secret),
            summary: "Client secret sign-in as \(client.value) (\(client.source)) in tenant \(tenant.value) "
                + "(\(tenant.source)), secret from \(secret.source), token URL \(tokenURL.absoluteString), "
                + "scope \(settings.scope.value)."
        )
    }

    private static func requireIdentifiers(
        _ settings: Settings,
        secret: Setting<Secret>
    ) throws -> (Setting<String>, Setting<String>) {
        let required: [(SettingKey, Setting<String>?)] = [
            (.tenantID, settings.tenantID), (.clientID, settings.clientID),
        ]
        let absent = required.filter { $0.1 == nil }.map(\.0)
        let missing = absent.filter { unavailable($0, in: settings) == nil }
        let encrypted = absent.compactMap { unavailable($0, in: settings) }

        if !missing.isEmpty {
            throw missingError(missing, secret: secret)
        }

        guard let tenant = settings.tenantID, let client = settings.clientID else {
            throw encryptedError(encrypted, purpose: "client-secret sign-in")
        }
        return (tenant, client)
    }

    private static func clientSecretConsiderations(_ secret: Setting<Secret>) -> [Consideration] {
        let skipped =
            "a client secret is set (\(secret.source)); managed identity is used only when no client secret "
            + "is configured"
        return [
            Consideration(
                mode: .clientSecret,
                isChosen: true,
                reason: "a client secret is set (\(secret.source)) together with a tenant and client ID"
            ),
            Consideration(mode: .appServiceManagedIdentity, isChosen: false, reason: skipped),
            Consideration(mode: .imdsManagedIdentity, isChosen: false, reason: skipped),
        ]
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

    // MARK: - Managed identity

    private static func managedIdentityPlan(_ settings: Settings) throws -> AuthenticationPlan {
        if settings.clientID == nil, let encrypted = unavailable(.clientID, in: settings) {
            throw encryptedError([encrypted], purpose: "choosing the user-assigned managed identity")
        }

        if let client = settings.clientID {
            try validateClientID(client, role: "managed identity client ID")
        }

        let endpoint = managedIdentityEndpoint(settings)
        let identity = ManagedIdentity(
            endpoint: endpoint,
            clientID: settings.clientID,
            resource: resource(ofScope: settings.scope.value)
        )
        return AuthenticationPlan(
            method: .managedIdentity(identity),
            considerations: managedIdentityConsiderations(settings, endpoint: endpoint),
            findings: managedIdentityFindings(settings),
            summary: managedIdentitySummary(identity)
        )
    }

    private static func managedIdentityEndpoint(_ settings: Settings) -> ManagedIdentity.Endpoint {
        guard let appService = settings.appServiceIdentity?.value else {
            return .imds(settings.imdsEndpoint.value)
        }
        return .appService(appService.endpoint, header: appService.header)
    }

    private static func managedIdentityConsiderations(
        _ settings: Settings,
        endpoint: ManagedIdentity.Endpoint
    ) -> [Consideration] {
        let noSecret = Consideration(
            mode: .clientSecret,
            isChosen: false,
            reason: "no client secret: ext.cred.azure.secret_key, AZURE_CLIENT_SECRET and --client-secret-file "
                + "are all unset"
        )
        let usesAppService = endpoint.mode == .appServiceManagedIdentity
        let appService = Consideration(
            mode: .appServiceManagedIdentity,
            isChosen: usesAppService,
            reason: usesAppService
                ? "IDENTITY_ENDPOINT and IDENTITY_HEADER are set (\(endpoint.url.absoluteString))"
                : "IDENTITY_ENDPOINT and IDENTITY_HEADER are not both set"
        )
        let imds = Consideration(
            mode: .imdsManagedIdentity,
            isChosen: !usesAppService,
            reason: usesAppService
                ? "the App Service identity endpoint takes precedence"
                : "no client secret and no App Service identity; the instance metadata service at "
                    + "\(settings.imdsEndpoint.value.absoluteString) (\(settings.imdsEndpoint.source)) is asked"
        )
        return [noSecret, appService, imds]
    }

    private static func managedIdentityFindings(_ settings: Settings) -> [Finding] {
        guard let source = settings.tenantID?.source ?? unavailable(.tenantID, in: settings)?.source else {
            return []
        }

        return [
            Finding(
                check: "config",
                severity: .note,
                code: .configMissingParameter,
                message: "ext.cred.azure.tenant_id is set (\(source)) but managed identity does not use it; "
                    + "without a client secret midkv signs in with managed identity",
                evidence: [Evidence("source", source.description)],
                fix: "To sign in with the app registration instead, supply its client secret: "
                    + "\(SettingKey.clientSecret.supplyHint)."
            )
        ]
    }

    private static func managedIdentitySummary(_ identity: ManagedIdentity) -> String {
        let which =
            identity.clientID.map { "the user-assigned identity with client ID \($0.value) (\($0.source))" }
            ?? "the system-assigned identity"
        let endpoint =
            switch identity.endpoint {
            case .imds(let url): "the instance metadata service at \(url.absoluteString)"
            case .appService(let url, _): "the App Service identity endpoint \(url.absoluteString)"
            }
        return "Managed identity sign-in with \(which) through \(endpoint), resource \(identity.resource)."
    }

    // MARK: - Helpers

    /// The encrypted value recorded for `key` that nothing else replaces.
    static func unavailable(_ key: SettingKey, in settings: Settings) -> EncryptedConfigValue? {
        settings.encryptedValues.first { $0.key == key && !$0.isSuperseded }
    }

    /// The v1 resource of a scope: the scope without a trailing `/.default`.
    static func resource(ofScope scope: String) -> String {
        scope.hasSuffix("/.default") ? String(scope.dropLast("/.default".count)) : scope
    }
}
