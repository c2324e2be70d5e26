import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// Asks a vault for its challenge without sending any token, and compares the tenant the challenge
/// names with the tenant midkv signs in to.
///
/// The request goes through ``KeyVaultClient`` like every vault request, so the challenge is
/// verified against the vault host the same way; the client's token source refuses to give a
/// token, which ends the exchange right after the challenge. A vault in another tenant is thus
/// found before any token is sent to it.
struct VaultChallengeStep {
    static let checkName = "vault"

    let settings: Settings
    let transport: any HTTPTransport
    let time: any TimeSource
    let logger: Logger

    /// The finding for the vault at `url`, given the tenant the token is or will be issued in.
    ///
    /// - Parameters:
    ///   - url: The vault.
    ///   - expectedTenant: The tenant midkv signs in to, when known.
    ///   - tenantInDoubt: Whether sign-in already failed in a way that puts the configured tenant
    ///     in doubt; a mismatch is then a warning that points at the tenant, not a second error.
    func run(vault url: URL, expectedTenant: String?, tenantInDoubt: Bool = false) async -> Finding {
        let client = KeyVaultClient(
            transport: transport,
            tokens: WithheldTokenSource(),
            configuration: KeyVaultClient.Configuration(apiVersion: settings.keyVaultAPIVersion.value, time: time),
            logger: logger
        )

        do {
            _ = try await client.listSecrets(vault: url, deadline: time.now + settings.timeout.value)
            return open(url)
        } catch is WithheldTokenSource.Withheld {
            guard let challenge = client.challenge(for: url) else {
                return open(url)
            }
            var finding = compare(challenge, vault: url, expectedTenant: expectedTenant)
            if tenantInDoubt, finding.code == .vaultWrongTenant {
                finding.severity = .warning
                finding.cause =
                    "Sign-in to the configured tenant failed as well: ext.cred.azure.tenant_id is probably "
                    + "wrong, and the vault's tenant is the one to use."
            }
            return finding
        } catch let error as MidkvError {
            return Finding(error: error, check: Self.checkName)
        } catch {
            let failure = MidkvError(.vaultFailed, "\(error)", fix: "Run again with --log-level debug.")
            return Finding(error: failure, check: Self.checkName)
        }
    }

    private func compare(_ challenge: BearerChallenge, vault: URL, expectedTenant: String?) -> Finding {
        let host = vault.host ?? ""
        let vaultTenant = challenge.tenantID
        let evidence = [
            Evidence("vault host", host),
            Evidence("challenge authorization", challenge.authorization ?? "(none)"),
            Evidence("challenge resource", challenge.resource ?? challenge.scope ?? "(none)"),
            Evidence("vault tenant", vaultTenant ?? "(not named)"),
            Evidence("sign-in tenant", expectedTenant ?? "(not known before sign-in)"),
        ]

        guard let vaultTenant, let expectedTenant, IdentifierRules.isGUID(vaultTenant),
            IdentifierRules.isGUID(expectedTenant)
        else {
            return verified(host, evidence: evidence, compared: false)
        }
        guard vaultTenant.lowercased() == expectedTenant.lowercased() else {
            return wrongTenant(host, vaultTenant: vaultTenant, expectedTenant: expectedTenant, evidence: evidence)
        }
        return verified(host, evidence: evidence, compared: true)
    }

    private func verified(_ host: String, evidence: [Evidence], compared: Bool) -> Finding {
        Finding(
            check: Self.checkName,
            severity: .ok,
            code: .vaultChallengeVerified,
            message: compared
                ? "\(host) answers as Key Vault in the tenant midkv signs in to"
                : "\(host) answers as Key Vault; its tenant could not be compared with the sign-in tenant",
            evidence: evidence
        )
    }

    private func wrongTenant(
        _ host: String,
        vaultTenant: String,
        expectedTenant: String,
        evidence: [Evidence]
    )
        -> Finding
    {
        Finding(
            check: Self.checkName,
            severity: .error,
            code: .vaultWrongTenant,
            message: "\(host) belongs to tenant \(vaultTenant), but midkv signs in to tenant \(expectedTenant)",
            evidence: evidence,
            cause: "Key Vault accepts only tokens issued by its own tenant and refuses others with AKV10032. "
                + "No token was sent to this vault.",
            fix: "Use a vault in tenant \(expectedTenant), or sign in to tenant \(vaultTenant): set "
                + "ext.cred.azure.tenant_id (and an app registration of that tenant) accordingly, then restart "
                + "the MID Server."
        )
    }

    private func open(_ url: URL) -> Finding {
        Finding(
            check: Self.checkName,
            severity: .warning,
            code: .vaultChallengeMismatch,
            message: "\(url.host ?? "") answered without asking for a token",
            evidence: [Evidence("vault host", url.host ?? "")],
            cause: "Key Vault always asks for a bearer token first; something else answers for this host.",
            fix: "Check that the vault name is right and that no proxy or DNS entry sends the host elsewhere."
        )
    }
}

/// A token source that never gives a token: the vault exchange stops right after the challenge.
struct WithheldTokenSource: TokenSource {
    /// Thrown instead of a token.
    struct Withheld: Error {}

    var description: String {
        "no token (challenge only)"
    }

    var cacheKey: String {
        "withheld"
    }

    func token(for scope: String, deadline: ContinuousClock.Instant) async throws -> AccessToken {
        throw Withheld()
    }
}
