import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// Obtains one token the way the resolver does, to tell whether sign-in works and as whom.
///
/// The source is built from the ``AuthenticationPlan`` exactly as ``CredentialResolver`` builds
/// its own, and asked through the resolver's token cache, so the credentials resolved afterwards
/// reuse the token instead of asking again.
struct IdentityStep {
    static let checkName = "identity"

    let settings: Settings
    let plan: AuthenticationPlan
    let transport: any HTTPTransport
    let cache: TokenCache
    let time: any TimeSource
    let logger: Logger

    /// The outcome: one finding, and the token's claims on success.
    func run() async -> (finding: Finding, claims: AccessTokenClaims?) {
        let source = cache.caching(tokenSource())
        let deadline = time.now + settings.timeout.value
        do {
            let token = try await source.token(for: settings.scope.value, deadline: deadline)
            return (signedIn(source, claims: token.claims), token.claims)
        } catch let error as MidkvError {
            return (Finding(error: error, check: Self.checkName), nil)
        } catch {
            let failure = MidkvError(.identityFailed, "\(error)", fix: "Run again with --log-level debug.")
            return (Finding(error: failure, check: Self.checkName), nil)
        }
    }

    /// The token source the plan calls for, configured as the resolver configures it.
    func tokenSource() -> any TokenSource {
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
            return managedIdentitySource(identity)
        }
    }

    private func managedIdentitySource(_ identity: AuthenticationPlan.ManagedIdentity) -> any TokenSource {
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

    private func signedIn(_ source: any TokenSource, claims: AccessTokenClaims?) -> Finding {
        let principal = claims.map(Self.principal) ?? "a token that is not a JWT"
        return Finding(
            check: Self.checkName,
            severity: .ok,
            code: .identityTokenAcquired,
            message: "Signed in with \(plan.mode) as \(principal)",
            evidence: [Evidence("token source", source.description), Evidence("scope", settings.scope.value)]
                + (claims?.evidence ?? [])
        )
    }

    /// The principal a token speaks for: `app aaaa… (object 0a0a…) in tenant 1111…`.
    static func principal(_ claims: AccessTokenClaims) -> String {
        let parts = [
            claims.appID.map { "app \($0)" },
            claims.objectID.map { "object \($0)" },
            claims.tenantID.map { "in tenant \($0)" },
        ]
        let text = parts.compactMap { $0 }.joined(separator: ", ")
        return text.isEmpty ? "an unnamed principal" : text
    }
}
