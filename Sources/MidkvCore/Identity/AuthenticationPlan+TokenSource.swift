import MidkvSupport
import MidkvTransport

extension AuthenticationPlan {
    /// The token source this plan calls for, uncached.
    ///
    /// - Parameters:
    ///   - settings: the settings the plan was made from (token URL template).
    ///   - transport: carries every request.
    ///   - time: the clock for deadlines, waits, expiry and certificate validity.
    ///   - fileReader: reads certificate, key and federated token files.
    ///   - arcKeyFileReader: looks at and reads the Azure Arc agent's key files.
    ///   - logger: receives debug entries, never a credential or a token.
    public func tokenSource(
        settings: Settings,
        transport: any HTTPTransport,
        time: any TimeSource = SystemTimeSource(),
        fileReader: ConfigurationFileReader = .system,
        arcKeyFileReader: ArcKeyFileReader = .system,
        logger: Logger = .disabled
    ) -> any TokenSource {
        let template = settings.tokenURLTemplate.value
        switch method {
        case .clientCertificate(let certificate):
            return ClientCertificateTokenSource(
                tenantID: certificate.tenantID.value,
                clientID: certificate.clientID.value,
                files: certificate.files,
                algorithm: certificate.algorithm.value,
                tokenURLTemplate: template,
                fileReader: fileReader,
                transport: transport,
                time: time,
                logger: logger
            )
        case .clientSecret(let secret):
            return ClientSecretTokenSource(
                tenantID: secret.tenantID.value,
                clientID: secret.clientID.value,
                clientSecret: secret.secret.value,
                tokenURLTemplate: template,
                transport: transport,
                time: time,
                logger: logger
            )
        case .workloadIdentity(let identity):
            return WorkloadIdentityTokenSource(
                tenantID: identity.tenantID.value,
                clientID: identity.clientID.value,
                tokenFile: identity.tokenFile,
                tokenURLTemplate: template,
                fileReader: fileReader,
                transport: transport,
                time: time,
                logger: logger
            )
        case .managedIdentity(let identity):
            return Self.managedIdentitySource(
                identity,
                transport: transport,
                time: time,
                arcKeyFileReader: arcKeyFileReader,
                logger: logger
            )
        }
    }

    private static func managedIdentitySource(
        _ identity: ManagedIdentity,
        transport: any HTTPTransport,
        time: any TimeSource,
        arcKeyFileReader: ArcKeyFileReader,
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
        case .arc(let url, let tokensFolder):
            ArcManagedIdentityTokenSource(
                endpoint: url,
                tokensFolder: tokensFolder,
                keyFileReader: arcKeyFileReader,
                transport: transport,
                time: time,
                logger: logger
            )
        }
    }
}
