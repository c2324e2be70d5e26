import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// Obtains one token the way the resolver does, to tell whether sign-in works and as whom.
///
/// First the checks of the plan's mode run (``IdentityChecks``: certificate, federated token file,
/// Arc agent), then one token is asked of the plan's own token source, the one
/// ``CredentialResolver`` uses, through the resolver's token cache, so the credentials resolved
/// afterwards reuse the token instead of asking again.
struct IdentityStep {
    static let checkName = "identity"

    let settings: Settings
    let plan: AuthenticationPlan
    let transport: any HTTPTransport
    let cache: TokenCache
    let time: any TimeSource
    let logger: Logger

    /// The outcome: the mode's own checks (certificate, federated token file, Arc agent), then,
    /// unless one of them failed, the token request; and the token's claims on success.
    func run() async -> (findings: [Finding], claims: AccessTokenClaims?) {
        let deadline = time.now + settings.timeout.value
        let checks = await IdentityChecks.findings(
            for: plan,
            transport: transport,
            now: time.date,
            deadline: deadline
        )
        guard !checks.contains(where: { $0.severity == .error }) else {
            return (checks, nil)
        }

        let source = cache.caching(
            plan.tokenSource(settings: settings, transport: transport, time: time, logger: logger)
        )
        do {
            let token = try await source.token(for: settings.scope.value, deadline: deadline)
            return (checks + [signedIn(source, claims: token.claims)], token.claims)
        } catch let error as MidkvError {
            return (checks + [Finding(error: error, check: Self.checkName)], nil)
        } catch {
            let failure = MidkvError(.identityFailed, "\(error)", fix: "Run again with --log-level debug.")
            return (checks + [Finding(error: failure, check: Self.checkName)], nil)
        }
    }

    /// The token source the plan calls for, built as the resolver builds its own.
    func tokenSource() -> any TokenSource {
        plan.tokenSource(settings: settings, transport: transport, time: time, logger: logger)
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
