import MidkvSupport
import MidkvTransport

extension VaultAccess {
    /// The token source an authentication plan calls for.
    static func tokenSource(
        for plan: AuthenticationPlan,
        settings: Settings,
        transport: any HTTPTransport,
        time: any TimeSource,
        logger: Logger
    ) -> any TokenSource {
        switch plan.method {
        case .clientSecret(let secret):
            return ClientSecretTokenSource(
                tenantID: secret.tenantID.value,
                clientID: secret.clientID.value,
                clientSecret: secret.secret.value,
                tokenURLTemplate: settings.tokenURLTemplate.value,
                transport: transport,
                time: time,
                logger: logger
            )
        case .managedIdentity(let identity):
            return managedIdentitySource(identity, transport: transport, time: time, logger: logger)
        }
    }

    private static func managedIdentitySource(
        _ identity: AuthenticationPlan.ManagedIdentity,
        transport: any HTTPTransport,
        time: any TimeSource,
        logger: Logger
    ) -> any TokenSource {
        switch identity.endpoint {
        case .imds(let url):
            ManagedIdentityTokenSource(
                clientID: identity.clientID?.value,
                imdsEndpoint: url,
                transport: transport,
                time: time,
                logger: logger
            )
        case .appService(let url, let header):
            ManagedIdentityTokenSource(
                clientID: identity.clientID?.value,
                identityEndpoint: url,
                identityHeader: header,
                transport: transport,
                time: time,
                logger: logger
            )
        }
    }

}

extension CredentialResolver {
    /// A note for each alternative spelling the secret used.
    static func aliasNotes(_ credential: MIDCredential) -> [Finding] {
        credential.aliasesUsed.map { alias in
            Finding(
                check: "secret",
                severity: .note,
                code: .secretAliasUsed,
                message: "The secret's \(alias.kind) `\(alias.spelling)` was read as `\(alias.canonical)`.",
                fix: "Both spellings work with midkv; `\(alias.canonical)` is the documented one."
            )
        }
    }
}
