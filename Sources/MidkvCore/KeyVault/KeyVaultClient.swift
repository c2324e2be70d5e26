import Foundation
import MidkvSupport
import MidkvTransport
import Synchronization

/// Reads and writes Key Vault secrets the way Azure's SDKs do: challenge first, then bearer
/// tokens, with retries inside a deadline and failures explained.
///
/// The first request to a vault goes out without a token and without a body, to learn the
/// vault's `WWW-Authenticate` challenge before anything sensitive leaves the process. The
/// challenge's resource must cover the vault host; the scope it names is what ``tokens`` is asked
/// for. Challenges are remembered per vault authority, so later requests carry a token at once.
public final class KeyVaultClient: Sendable {
    /// The settings of a client.
    public let configuration: Configuration

    let transport: any HTTPTransport
    let tokens: any TokenSource
    let logger: Logger
    private let challenges = Mutex<[String: BearerChallenge]>([:])

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - transport: carries every request.
    ///   - tokens: obtains tokens; put a ``TokenCache`` in front so tokens are reused.
    ///   - configuration: API version, retries, challenge verification and clock.
    ///   - logger: receives debug entries; never tokens or secret values.
    public init(
        transport: any HTTPTransport,
        tokens: any TokenSource,
        configuration: Configuration = Configuration(),
        logger: Logger = .disabled
    ) {
        self.transport = transport
        self.tokens = tokens
        self.configuration = configuration
        self.logger = logger
    }

    /// Reads a secret: the latest version, or `version` when given.
    ///
    /// - Parameters:
    ///   - vault: the vault URL, `https://{vault}.vault.azure.net`.
    ///   - name: the secret's name.
    ///   - version: a version identifier, or `nil` for the latest.
    ///   - deadline: when to give up, retries included.
    /// - Returns: the secret, with warnings when it is expired or not yet valid.
    /// - Throws: ``MidkvError``: `vault.*` codes for Key Vault's refusals, `identity.*` for token
    ///   failures, `network.*` when the vault cannot be reached, `credential-id.invalid-name`
    ///   for a name Key Vault cannot hold.
    public func getSecret(
        vault: URL,
        name: String,
        version: String? = nil,
        deadline: ContinuousClock.Instant
    ) async throws -> SecretBundle {
        let target = try VaultTarget(vault: vault, secret: name, version: version)
        let operation = VaultOperation(
            method: .get,
            url: target.url(apiVersion: configuration.apiVersion),
            target: target
        )

        let response = try await perform(operation, deadline: deadline)
        var bundle = try decodeBundle(response, operation: operation)
        bundle.findings = bundle.attributes.validityFindings(
            now: configuration.time.date,
            secret: name,
            vault: target.vaultName
        )
        return bundle
    }

    /// Stores `value` as a new version of the secret `name`.
    ///
    /// - Parameters:
    ///   - vault: the vault URL.
    ///   - name: the secret's name.
    ///   - value: the value to store.
    ///   - contentType: an optional content type.
    ///   - tags: optional tags.
    ///   - deadline: when to give up, retries included.
    /// - Returns: the new version, as Key Vault stored it.
    /// - Throws: ``MidkvError`` as for ``getSecret(vault:name:version:deadline:)``.
    public func setSecret(
        vault: URL,
        name: String,
        value: Secret,
        contentType: String? = nil,
        tags: [String: String] = [:],
        deadline: ContinuousClock.Instant
    ) async throws -> SecretBundle {
        let target = try VaultTarget(vault: vault, secret: name, version: nil)
        var fields: [String: Any] = ["value": value.reveal()]
        fields["contentType"] = contentType
        if !tags.isEmpty {
            fields["tags"] = tags
        }

        let body = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        let operation = VaultOperation(
            method: .put,
            url: target.url(apiVersion: configuration.apiVersion),
            target: target,
            body: body
        )
        let response = try await perform(operation, deadline: deadline)
        return try decodeBundle(response, operation: operation)
    }

    /// The challenge remembered for the vault at `vault`, if one was received.
    public func challenge(for vault: URL) -> BearerChallenge? {
        let key = VaultTarget.authority(of: vault)
        return challenges.withLock { $0[key] }
    }

    func rememberedChallenge(for authority: String) -> BearerChallenge? {
        challenges.withLock { $0[authority] }
    }

    func remember(_ challenge: BearerChallenge, for authority: String) {
        challenges.withLock { $0[authority] = challenge }
    }

    private func decodeBundle(_ response: HTTPResponse, operation: VaultOperation) throws -> SecretBundle {
        guard let reply = JSONObject(data: response.body), let bundle = SecretBundle(reply: reply) else {
            throw unexpectedBody(response, operation: operation)
        }

        logger.debug("secret received", ["vault.host": operation.target.host, "secret.name": bundle.name])
        return bundle
    }
}
