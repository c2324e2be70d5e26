import Foundation
import MidkvCrypto
import MidkvSupport
import MidkvTransport

/// Checks of the sign-in modes without a client secret, as findings for `midkv doctor`.
///
/// Each check looks at one thing a failing sign-in would trip over, before any token request:
/// the certificate and its key, the federated token file, the Azure Arc agent and its key
/// file. Problems carry the same `identity.*` codes, messages and fixes as the errors sign-in
/// itself throws; a passing check is one finding with severity `ok`. No check ever puts a key,
/// passphrase, token or key file content into a finding.
public enum IdentityChecks {
    /// The check name every finding carries.
    public static let check = "identity"

    /// The checks that apply to `plan`'s mode; none for client secret, App Service and IMDS.
    ///
    /// - Parameters:
    ///   - plan: the authentication plan.
    ///   - transport: carries the Arc agent's challenge request.
    ///   - now: the wall-clock time certificates and tokens are judged at.
    ///   - fileReader: reads certificate, key and token files.
    ///   - arcKeyFileReader: looks at the Arc agent's key file.
    ///   - deadline: when the Arc check gives up.
    public static func findings(
        for plan: AuthenticationPlan,
        transport: any HTTPTransport,
        now: Date = Date(),
        fileReader: ConfigurationFileReader = .system,
        arcKeyFileReader: ArcKeyFileReader = .system,
        deadline: ContinuousClock.Instant = .now + .seconds(10)
    ) async -> [Finding] {
        switch plan.method {
        case .clientCertificate(let certificate):
            return clientCertificate(certificate.files, now: now, reader: fileReader)
        case .workloadIdentity(let identity):
            return federatedTokenFile(identity.tokenFile, now: now, reader: fileReader)
        case .managedIdentity(let identity):
            guard case .arc(let endpoint, let tokensFolder) = identity.endpoint else {
                return []
            }
            return await arcAgent(
                endpoint: endpoint,
                tokensFolder: tokensFolder,
                transport: transport,
                keyFileReader: arcKeyFileReader,
                deadline: deadline
            )
        case .clientSecret:
            return []
        }
    }

    /// Reads the client certificate and its key and judges them at `now`.
    ///
    /// - Returns: one finding: an error (`identity.certificate-unreadable`,
    ///   `identity.passphrase-required`, `identity.wrong-passphrase`,
    ///   `identity.certificate-key-mismatch`, `identity.unsupported-key`,
    ///   `identity.certificate-expired`, `identity.certificate-not-yet-valid`), a warning
    ///   (`identity.certificate-expiring`, within 30 days of the end date), or ok
    ///   (`identity.certificate-valid`).
    public static func clientCertificate(
        _ files: ClientCertificateFiles,
        now: Date = Date(),
        reader: ConfigurationFileReader = .system
    ) -> [Finding] {
        let certificate: ClientCertificate
        do {
            certificate = try ClientCertificate.load(files, reader: reader)
            try certificate.checkValidity(at: now)
        } catch {
            return [Finding(failure: error, check: check)]
        }

        let left = certificate.info.notAfter.timeIntervalSince(now)
        let ends = "\(IdentityTime.text(certificate.info.notAfter)), in \(IdentityTime.span(left))"
        guard certificate.isExpiringSoon(at: now) else {
            return [
                Finding(
                    check: check,
                    severity: .ok,
                    code: .identityCertificateValid,
                    message: "The client certificate \(certificate.info.subject) and its \(certificate.key.kind) key "
                        + "match; valid until \(ends)",
                    evidence: certificate.evidence + files.evidence
                )
            ]
        }

        return [
            Finding(
                check: check,
                severity: .warning,
                code: .identityCertificateExpiring,
                message: "The client certificate \(certificate.info.subject) expires on \(ends)",
                evidence: certificate.evidence + files.evidence,
                cause: "After its end date Entra ID refuses the certificate and every credential stops resolving.",
                fix: ClientCertificate.renewalFix
            )
        ]
    }

    /// Reads the federated token file and judges its token at `now`.
    ///
    /// - Returns: one finding: an error (`identity.federated-token-missing`,
    ///   `identity.federated-token-empty`, `identity.federated-token-malformed`,
    ///   `identity.federated-token-expired`) or ok (`identity.federated-token-valid`).
    public static func federatedTokenFile(
        _ path: Setting<String>,
        now: Date = Date(),
        reader: ConfigurationFileReader = .system
    ) -> [Finding] {
        let claims: FederatedTokenClaims
        do {
            claims = try FederatedTokenFile.read(path, reader: reader, now: now).claims
        } catch {
            return [Finding(failure: error, check: check)]
        }

        let until = claims.expiresOn.map { " valid until \(IdentityTime.text($0))" } ?? " without an expiry"
        return [
            Finding(
                check: check,
                severity: .ok,
                code: .identityFederatedTokenValid,
                message: "The federated token file \(path.value) holds a token\(until)",
                evidence: [Evidence("token file", path.value), Evidence("token file from", path.source.description)]
                    + claims.evidence,
                cause: "Whether Entra ID accepts it depends on the app's federated credentials: their issuer, "
                    + "subject and audience must equal the token's."
            )
        ]
    }

    /// Asks the Azure Arc agent for its challenge and checks the key file it names, without
    /// sending the key anywhere.
    ///
    /// - Returns: one finding: an error (`identity.arc-agent-absent`,
    ///   `identity.arc-challenge-invalid`, `identity.arc-key-file-denied`) or ok
    ///   (`identity.arc-agent-ready`).
    public static func arcAgent(
        endpoint: URL,
        tokensFolder: String = ArcManagedIdentityTokenSource.standardTokensFolder,
        transport: any HTTPTransport,
        keyFileReader: ArcKeyFileReader = .system,
        deadline: ContinuousClock.Instant = .now + .seconds(10)
    ) async -> [Finding] {
        let source = ArcManagedIdentityTokenSource(
            endpoint: endpoint,
            tokensFolder: tokensFolder,
            keyFileReader: keyFileReader,
            transport: transport,
            retry: .none
        )
        do {
            _ = try await source.challengeKey(resource: "https://vault.azure.net", deadline: deadline)
        } catch {
            return [Finding(failure: error, check: check)]
        }

        return [
            Finding(
                check: check,
                severity: .ok,
                code: .identityArcAgentReady,
                message: "The Azure Arc agent answers at \(source.hostAndPort) and this user may read its key file",
                evidence: [Evidence("endpoint", source.hostAndPort), Evidence("tokens folder", tokensFolder)]
            )
        ]
    }
}
