import Foundation
import MidkvCrypto
import MidkvSupport
import MidkvTransport

/// Obtains tokens from Entra ID with an app registration's certificate: no client secret is
/// stored or sent.
///
/// Each call reads the certificate and key (so a renewal in place needs no restart), checks
/// that they match, are RSA and are valid now, signs a ten-minute client assertion with them,
/// and posts it as `client_assertion` with `grant_type=client_credentials`. Failures become
/// ``MidkvError``s that name the thumbprint midkv used; the key, the passphrase and the
/// assertion appear nowhere but in the request body.
public struct ClientCertificateTokenSource: TokenSource {
    /// The directory (tenant) ID or domain.
    public let tenantID: String
    /// The application (client) ID.
    public let clientID: String
    /// The certificate, key and passphrase files.
    public let files: ClientCertificateFiles
    /// The signature algorithm of the assertions.
    public let algorithm: JWSAlgorithm
    /// The token URL with `%s` where the tenant goes.
    public let tokenURLTemplate: String

    private let reader: ConfigurationFileReader
    private let endpoint: EntraTokenEndpoint
    private let logger: Logger

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - tenantID: the directory (tenant) ID or a verified domain; checked before any request.
    ///   - clientID: the application (client) ID.
    ///   - files: where the certificate, the key and the passphrase come from.
    ///   - algorithm: RS256 (the default) or PS256.
    ///   - tokenURLTemplate: the token URL with `%s` for the tenant.
    ///   - fileReader: reads the certificate and key files.
    ///   - transport: carries the requests.
    ///   - retry: retries for 429 and transient 5xx answers and connection failures.
    ///   - time: the clock for deadlines, waits, assertion times and certificate validity.
    ///   - logger: receives debug entries (thumbprints and dates); never a key or a token.
    public init(
        tenantID: String,
        clientID: String,
        files: ClientCertificateFiles,
        algorithm: JWSAlgorithm = .rs256,
        tokenURLTemplate: String = ClientSecretTokenSource.publicCloudTokenURLTemplate,
        fileReader: ConfigurationFileReader = .system,
        transport: any HTTPTransport,
        retry: RetryPolicy = .tokenEndpoint,
        time: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.files = files
        self.algorithm = algorithm
        self.tokenURLTemplate = tokenURLTemplate
        self.reader = fileReader
        self.logger = logger
        self.endpoint = EntraTokenEndpoint(
            tenantID: tenantID,
            clientID: clientID,
            tokenURLTemplate: tokenURLTemplate,
            sender: RetryingSender(transport: transport, policy: retry, time: time, logger: logger),
            logger: logger
        )
    }

    public var description: String {
        "client certificate \(files.certificatePath.value) for app \(clientID) in tenant \(tenantID)"
    }

    public var cacheKey: String {
        "client-certificate \(tokenURLTemplate) \(tenantID) \(clientID) \(files.certificatePath.value)"
    }

    /// Requests a token for `scope` with a freshly signed client assertion.
    ///
    /// - Throws: ``MidkvError``: before any request, `identity.certificate-unreadable`,
    ///   `identity.passphrase-required`, `identity.wrong-passphrase`,
    ///   `identity.certificate-key-mismatch`, `identity.unsupported-key`,
    ///   `identity.certificate-expired`, `identity.certificate-not-yet-valid` or
    ///   `identity.tenant-not-found`; from Entra ID, `identity.certificate-not-registered`
    ///   (AADSTS700027), `identity.clock-skew` (AADSTS700024), `identity.assertion-rejected`
    ///   and the shared `identity.*` codes; `network.*` when Entra ID could not be reached;
    ///   `vault.budget-exceeded` when the deadline passed.
    public func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        let url = try endpoint.checkedTokenURL()
        let now = endpoint.now
        let certificate = try ClientCertificate.load(files, reader: reader)
        try certificate.checkValidity(at: now)

        logger.debug(
            "client certificate loaded",
            [
                "certificate.x5t_s256": certificate.x5tS256,
                "certificate.not_after": IdentityTime.text(certificate.info.notAfter),
            ]
        )
        let assertion = try ClientAssertion.make(
            certificate: certificate,
            clientID: clientID,
            audience: url.absoluteString,
            now: now,
            algorithm: algorithm
        )
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
                modeKinds: { reply in certificateKinds(certificate, url: url, reply: reply, sentAt: now) },
                evidence: certificate.evidenceOfRequest + [Evidence("local time", IdentityTime.text(endpoint.now))],
                scrubbing: [assertion]
            )
        }
    }
}
