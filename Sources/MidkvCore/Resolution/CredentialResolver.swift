import Foundation
import MidkvSupport
import MidkvTransport

/// Resolves MID credentials from Key Vault: the one flow behind `midkv resolve`, `midkv test`
/// and the agent.
///
/// A resolver is built once from ``Settings``: it chooses how to authenticate, and keeps one
/// transport, one token cache and one Key Vault client, so tokens, vault challenges and
/// connections are reused across resolutions. Each ``resolve(_:observer:)`` then splits the
/// Credential ID, reads the secret inside the settings' time budget, and maps its JSON to the
/// MID's resolver fields.
public final class CredentialResolver: Sendable {
    /// The settings the resolver was built from.
    public var settings: Settings {
        access.settings
    }
    /// How the resolver authenticates, and why.
    public var plan: AuthenticationPlan {
        access.plan
    }
    /// The token cache in front of the identity, shared by every resolution.
    public var tokenCache: TokenCache {
        access.tokenCache
    }

    private let access: VaultAccess
    private let time: any TimeSource
    private let logger: Logger

    private var client: KeyVaultClient {
        access.client
    }

    /// Builds a resolver.
    ///
    /// - Parameters:
    ///   - settings: the effective settings.
    ///   - transport: carries every request; `nil` creates a libcurl client from the settings
    ///     (proxy, CA file, redirection), which ``shutdown()`` stops.
    ///   - time: the clock for deadlines and waits.
    ///   - logger: receives debug entries, never secret values.
    /// - Throws: ``MidkvError`` from the `config` family when the settings do not allow any
    ///   authentication (see ``AuthenticationPlan``).
    public init(
        settings: Settings,
        transport: (any HTTPTransport)? = nil,
        time: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) throws {
        self.access = try VaultAccess(settings: settings, transport: transport, time: time, logger: logger)
        self.time = time
        self.logger = logger
    }

    /// Resolves one credential.
    ///
    /// The observer receives the steps that ran, in the order they ended. The token is
    /// requested while the vault's first request learns its challenge: the `token` step lasts as
    /// long as that token request, and the `vault` step, from the vault's first request to the
    /// secret, includes any wait for it. When no token could be obtained, the `token` step
    /// reports the failure and the `vault` step, never given a token, is not reported.
    ///
    /// - Parameters:
    ///   - request: what the MID asks for.
    ///   - observer: receives each step as it ends, for a step-by-step trace.
    /// - Returns: the MID fields and where they came from.
    /// - Throws: ``MidkvError``: `credential-id.*` for an ID of the wrong form, `identity.*`,
    ///   `network.*` and `vault.*` for the way to the secret, `secret.*` when its JSON does not
    ///   fit the credential type.
    public func resolve(
        _ request: CredentialRequest,
        observer: (@Sendable (ResolutionEvent) -> Void)? = nil
    ) async throws -> ResolvedCredential {
        let context = ResolutionObserver(receive: observer, tokenStep: TokenStep())
        return try await ResolutionObserver.$current.withValue(context) {
            try await resolveObserved(request)
        }
    }

    /// Stops the transport the resolver created, if it created one.
    public func shutdown() {
        access.shutdown()
    }

    /// The URL of the vault named `vaultName`, under the settings' DNS suffix.
    public func vaultURL(for vaultName: String) -> URL {
        access.vaultURL(for: vaultName)
    }

    private func resolveObserved(_ request: CredentialRequest) async throws -> ResolvedCredential {
        let deadline = time.now + settings.timeout.value
        ResolutionObserver.report(ResolutionEvent(step: .identity, outcome: .succeeded(plan.summary), duration: .zero))

        let id = try measure(.credentialID) {
            let parsed = try CredentialID(parsing: request.credentialID, configuredVault: settings.vaultName?.value)
            return (parsed, parsed.description)
        }
        let vaultURL = vaultURL(for: id.vaultName)
        logger.debug(
            "resolving credential",
            ["credential.id": request.credentialID, "credential.type": request.type, "vault.host": vaultURL.host ?? ""]
        )

        prefetchToken(for: vaultURL, deadline: deadline)
        let bundle = try await readSecret(id, from: vaultURL, deadline: deadline)

        let credential = try measure(.fields) {
            let credential = try SecretDocument.credential(
                parsing: bundle.value,
                requestedType: request.type,
                secretName: id.secretName
            )
            return (credential, "\(credential.keys.map(\.rawValue).joined(separator: ", "))")
        }

        return ResolvedCredential(
            request: request,
            credentialID: id,
            vaultURL: vaultURL,
            secretVersion: bundle.version,
            credential: credential,
            warnings: bundle.findings + Self.aliasNotes(credential)
        )
    }

    /// Starts getting a token for the configured scope while the first request to a vault
    /// learns its challenge, so the two round trips overlap. When the Key Vault client then asks
    /// for a token for the challenge's scope, it gets this request's; when the scopes differ,
    /// the prefetched token simply goes unused.
    private func prefetchToken(for vaultURL: URL, deadline: ContinuousClock.Instant) {
        guard client.challenge(for: vaultURL) == nil, let step = ResolutionObserver.current.tokenStep else {
            return
        }
        let scope = settings.scope.value
        step.started(TokenPrefetch(scope: scope, source: access.identity, deadline: deadline, time: time))
    }

    /// Reads the secret as the vault step. When no token could be obtained, the token step has
    /// reported why, and the vault step, which never sent an authorized request, reports nothing.
    private func readSecret(
        _ id: CredentialID,
        from vaultURL: URL,
        deadline: ContinuousClock.Instant
    ) async throws -> SecretBundle {
        let start = time.now
        do {
            let bundle = try await client.getSecret(vault: vaultURL, name: id.secretName, deadline: deadline)
            let detail = "secret \(bundle.name) version \(bundle.version) from \(vaultURL.host ?? "")"
            ResolutionObserver.report(
                ResolutionEvent(step: .vault, outcome: .succeeded(detail), duration: time.now - start)
            )
            return bundle
        } catch var error as MidkvError {
            if ResolutionObserver.current.tokenStep?.hasFailed == true {
                throw error
            }

            if error.code.family == "vault" {
                error.evidence.append(Evidence("vault chosen", "\(id.vaultName) (\(id.vaultSource))"))
            }
            ResolutionObserver.report(
                ResolutionEvent(step: .vault, outcome: .failed(error), duration: time.now - start)
            )
            throw error
        }
    }

    private func measure<Value>(
        _ step: ResolutionEvent.Step,
        _ work: () throws -> (Value, String)
    ) throws -> Value {
        let start = time.now
        do {
            let (value, detail) = try work()
            ResolutionObserver.report(
                ResolutionEvent(step: step, outcome: .succeeded(detail), duration: time.now - start)
            )
            return value
        } catch let error as MidkvError {
            ResolutionObserver.report(ResolutionEvent(step: step, outcome: .failed(error), duration: time.now - start))
            throw error
        }
    }
}
