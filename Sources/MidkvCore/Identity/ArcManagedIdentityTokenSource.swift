import Foundation
import MidkvSupport
import MidkvTransport

/// Obtains tokens for the managed identity of an Azure Arc-enabled server: a MID Server host
/// outside Azure that the Connected Machine agent (`himds`) has joined to Azure.
///
/// The exchange takes two requests to the agent's local endpoint (`IDENTITY_ENDPOINT`,
/// normally `http://localhost:40342/metadata/identity/oauth2/token`), never through a proxy:
/// 1. `GET ?api-version=2020-06-01&resource=…` with `Metadata: true`, answered with 401 and
///    `WWW-Authenticate: Basic realm=<key file>`;
/// 2. the same request with `Authorization: Basic <key file content>`, answered with a token.
///
/// The key file must lie directly in the agent's tokens folder, end in `.key` and hold at most
/// 4096 bytes; this is checked before the file is read. Its content is sent to the agent only
/// and appears in no log, error or report.
public struct ArcManagedIdentityTokenSource: TokenSource {
    /// The API version the agent is asked for.
    public static let apiVersion = "2020-06-01"
    /// The agent's identity endpoint when `IDENTITY_ENDPOINT` is not set.
    public static let defaultIdentityEndpoint = URL(string: "http://localhost:40342/metadata/identity/oauth2/token")!
    /// The folder the agent writes its key files into, on Linux.
    public static let standardTokensFolder = "/var/opt/azcmagent/tokens"
    /// The agent's binary, whose presence marks an Arc-enabled Linux host.
    public static let standardHIMDSPath = "/opt/azcmagent/bin/himds"
    /// How long connecting to the agent may take: it runs on this host, so fail fast.
    public static let connectTimeout = Duration.seconds(1)

    /// The agent's identity endpoint.
    public let endpoint: URL
    /// The only folder a key file may be read from.
    public let tokensFolder: String

    let keyFiles: ArcKeyFileReader
    let sender: RetryingSender
    let logger: Logger

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - endpoint: `IDENTITY_ENDPOINT`, the agent's token endpoint.
    ///   - tokensFolder: the folder key files must be in; the agent's folder unless testing.
    ///   - keyFileReader: looks at and reads key files.
    ///   - transport: carries the requests.
    ///   - retry: retries for 404, 410, 429 and 5xx answers from the agent.
    ///   - time: the clock for deadlines, waits and expiry.
    ///   - logger: receives debug entries (the key file's path); never its content or a token.
    public init(
        endpoint: URL = Self.defaultIdentityEndpoint,
        tokensFolder: String = Self.standardTokensFolder,
        keyFileReader: ArcKeyFileReader = .system,
        transport: any HTTPTransport,
        retry: RetryPolicy = .managedIdentity,
        time: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) {
        self.endpoint = endpoint
        self.tokensFolder = tokensFolder
        self.keyFiles = keyFileReader
        self.logger = logger

        var sender = RetryingSender(transport: transport, policy: retry, time: time, logger: logger)
        sender.retriesFailure = { $0.kind == .connectionReset || $0.kind == .emptyReply }
        self.sender = sender
    }

    public var description: String {
        "the Azure Arc machine's managed identity via \(hostAndPort)"
    }

    public var cacheKey: String {
        "managed-identity arc \(endpoint.absoluteString)"
    }

    /// Requests a token for `scope`; the resource sent is the scope without `/.default`.
    ///
    /// - Throws: ``MidkvError``: `identity.arc-agent-absent` when nothing answers at the
    ///   endpoint, `identity.arc-challenge-invalid` for a missing challenge or a key file path
    ///   midkv must not read, `identity.arc-key-file-denied` when this user may not read the
    ///   key file, `identity.failed` when the agent refuses the key, and
    ///   `vault.budget-exceeded` when the deadline passed.
    public func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        let resource = ManagedIdentityTokenSource.resource(for: scope)
        let key = try await challengeKey(resource: resource, deadline: deadline)

        var request = request(resource: resource)
        request.headers.add("Authorization", "Basic \(key.reveal())")
        let outcome = try await sender.send(request, deadline: deadline)
        return try interpret(outcome, resource: resource)
    }

    /// Asks the agent for its challenge and reads the key file it names, after checking it.
    ///
    /// - Throws: the errors of ``token(for:deadline:)`` that come before the second request.
    func challengeKey(resource: String, deadline: ContinuousClock.Instant) async throws -> Secret {
        let outcome = try await sender.send(request(resource: resource), deadline: deadline)
        let challenge = try challenge(in: outcome)
        logger.debug("azure arc challenge received", ["arc.key_file": challenge.keyFile])

        if let problem = challenge.pathProblem(tokensFolder: tokensFolder) {
            throw invalidKeyFile(challenge.keyFile, problem: problem)
        }
        return try readKey(challenge.keyFile)
    }

    /// The URL of the token request for `resource`.
    public func requestURL(resource: String) -> URL {
        let query = PercentEncoding.form([("api-version", Self.apiVersion), ("resource", resource)])
        let base = endpoint.absoluteString
        return URL(string: base + (base.contains("?") ? "&" : "?") + query) ?? endpoint
    }

    var hostAndPort: String {
        let host = endpoint.host ?? endpoint.absoluteString
        return endpoint.port.map { "\(host):\($0)" } ?? host
    }

    private func request(resource: String) -> HTTPRequest {
        HTTPRequest(
            method: .get,
            url: requestURL(resource: resource),
            headers: HTTPHeaders([("Metadata", "true"), ("Accept", "application/json")]),
            proxyUse: .never,
            connectTimeout: Self.connectTimeout
        )
    }

    private func readKey(_ path: String) throws(MidkvError) -> Secret {
        do {
            if let problem = ArcChallenge.sizeProblem(try keyFiles.size(path)) {
                throw invalidKeyFile(path, problem: problem)
            }
            let data = try keyFiles.read(path)
            return Secret(String(decoding: data, as: UTF8.self))
        } catch let failure as ConfigurationFileReader.Failure {
            throw failure == .permissionDenied
                ? keyFileDenied(path) : invalidKeyFile(path, problem: "cannot be read: \(failure)")
        } catch {
            throw error as? MidkvError ?? invalidKeyFile(path, problem: "cannot be read: \(error)")
        }
    }
}
