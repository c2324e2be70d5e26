import Foundation
import MidkvSupport
import MidkvTransport

/// Obtains tokens from Entra ID with workload identity federation: the platform's token in
/// `AZURE_FEDERATED_TOKEN_FILE` is the client assertion, and no secret is stored anywhere.
///
/// Each call reads the file afresh (so a rotated token is used from the next request on),
/// checks that it holds an unexpired JWT, and posts it as `client_assertion` with
/// `grant_type=client_credentials` for `AZURE_CLIENT_ID` in `AZURE_TENANT_ID`. The token
/// appears nowhere but in the request body.
public struct WorkloadIdentityTokenSource: TokenSource {
    /// The directory (tenant) ID or domain.
    public let tenantID: String
    /// The client ID of the app registration or user-assigned identity that trusts the token.
    public let clientID: String
    /// The file holding the federated token.
    public let tokenFile: Setting<String>
    /// The token URL with `%s` where the tenant goes.
    public let tokenURLTemplate: String

    private let reader: ConfigurationFileReader
    private let endpoint: EntraTokenEndpoint

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - tenantID: the directory (tenant) ID or a verified domain; checked before any request.
    ///   - clientID: the client ID whose federated credentials trust the token.
    ///   - tokenFile: the federated token file and the setting that named it.
    ///   - tokenURLTemplate: the token URL with `%s` for the tenant.
    ///   - fileReader: reads the token file.
    ///   - transport: carries the requests.
    ///   - retry: retries for 429 and transient 5xx answers and connection failures.
    ///   - time: the clock for deadlines, waits and the token's expiry.
    ///   - logger: receives debug entries; never the federated token or an access token.
    public init(
        tenantID: String,
        clientID: String,
        tokenFile: Setting<String>,
        tokenURLTemplate: String = ClientSecretTokenSource.publicCloudTokenURLTemplate,
        fileReader: ConfigurationFileReader = .system,
        transport: any HTTPTransport,
        retry: RetryPolicy = .tokenEndpoint,
        time: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.tokenFile = tokenFile
        self.tokenURLTemplate = tokenURLTemplate
        self.reader = fileReader
        self.endpoint = EntraTokenEndpoint(
            tenantID: tenantID,
            clientID: clientID,
            tokenURLTemplate: tokenURLTemplate,
            sender: RetryingSender(transport: transport, policy: retry, time: time, logger: logger),
            logger: logger
        )
    }

    public var description: String {
        "workload identity token \(tokenFile.value) for app \(clientID) in tenant \(tenantID)"
    }

    public var cacheKey: String {
        "workload-identity \(tokenURLTemplate) \(tenantID) \(clientID) \(tokenFile.value)"
    }

    /// Requests a token for `scope` with the current content of the token file.
    ///
    /// - Throws: ``MidkvError``: before any request, `identity.federated-token-missing`,
    ///   `identity.federated-token-empty`, `identity.federated-token-malformed`,
    ///   `identity.federated-token-expired` or `identity.tenant-not-found`; from Entra ID,
    ///   `identity.no-federated-credential` (AADSTS70021 and relatives),
    ///   `identity.federated-token-expired` (AADSTS700024), `identity.assertion-rejected` and the
    ///   shared `identity.*` codes; `network.*` when Entra ID could not be reached;
    ///   `vault.budget-exceeded` when the deadline passed.
    public func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        let url = try endpoint.checkedTokenURL()
        let (assertion, claims) = try FederatedTokenFile.read(tokenFile, reader: reader, now: endpoint.now)

        return try await endpoint.token(
            credential: [
                ("client_assertion_type", ClientAssertion.assertionType), ("client_assertion", assertion.reveal()),
            ],
            url: url,
            scope: scope,
            deadline: deadline
        ) { response in
            endpoint.failure(
                for: response,
                url: url,
                scope: scope,
                modeKinds: { _ in federationKinds(claims) },
                evidence: [Evidence("token file", tokenFile.value)] + claims.evidence,
                scrubbing: [assertion]
            )
        }
    }
}
