import Foundation
import MidkvCore

/// Checks named credentials: their Credential IDs offline, then each one resolved through the
/// same ``CredentialResolver`` the MID's requests go through.
///
/// Offline findings have check name `credential-id`; online ones `credential`. A failed
/// resolution is reported as the one finding its error maps to; the warnings of a resolved
/// credential (expired, not yet valid, alias used) and the linter's findings follow it.
public struct CredentialCheck: Sendable {
    /// The `check` name of the offline findings.
    public static let offlineCheckName = "credential-id"
    /// The `check` name of the findings about resolving each credential.
    public static let onlineCheckName = "credential"

    /// The offline verdict on one credential.
    public struct Parsed: Sendable {
        /// The credential.
        public var target: CredentialTarget
        /// The secret and vault its ID names, when the ID is valid.
        public var id: CredentialID?
        /// What the check says about it.
        public var finding: Finding
    }

    /// Looks at each resolved credential's values.
    public var linter: any CredentialValueLinter

    /// Creates a check.
    public init(linter: any CredentialValueLinter = NoCredentialValueLinter()) {
        self.linter = linter
    }

    // MARK: - Offline

    /// Splits each Credential ID against the configured `vault_name`, as the resolver will.
    ///
    /// - Parameters:
    ///   - targets: The credentials to check.
    ///   - settings: The effective settings, when they could be resolved.
    ///   - configFile: config.xml, used for `vault_name` when the settings could not be resolved.
    public static func parse(
        _ targets: [CredentialTarget],
        settings: Settings?,
        configFile: MIDConfigFile?
    ) -> [Parsed] {
        let vault = VaultSetting(settings: settings, configFile: configFile)
        return targets.enumerated().map { index, target in
            var others = vault
            others.named = targets.enumerated().filter { $0.offset != index }.compactMap(\.element.namedVault)
            return parse(target, vault: others)
        }
    }

    private static func parse(_ target: CredentialTarget, vault: VaultSetting) -> Parsed {
        if let reason = vault.unknownReason {
            return Parsed(
                target: target,
                id: nil,
                finding: Finding.skipped(Self.offlineCheckName, target, because: reason)
            )
        }

        do {
            let id = try CredentialID(
                parsing: target.credentialID,
                configuredVault: vault.name,
                knownVaults: vault.known
            )
            return Parsed(target: target, id: id, finding: valid(target, id: id))
        } catch  where error.code == .configInvalidVaultName {
            let reason = "ext.cred.azure.vault_name is not a valid vault name (config.invalid-vault-name)"
            return Parsed(
                target: target,
                id: nil,
                finding: Finding.skipped(Self.offlineCheckName, target, because: reason)
            )
        } catch {
            var finding = Finding(error: error, check: Self.offlineCheckName)
            finding.evidence.insert(Evidence("credential type", target.type), at: 0)
            return Parsed(target: target, id: nil, finding: finding)
        }
    }

    private static func valid(_ target: CredentialTarget, id: CredentialID) -> Finding {
        Finding(
            check: Self.offlineCheckName,
            severity: .ok,
            code: .credentialIDValid,
            message: "`\(target.credentialID)` names \(id)",
            evidence: [
                Evidence("credential ID", target.credentialID),
                Evidence("secret", id.secretName),
                Evidence("vault", "\(id.vaultName) (\(id.vaultSource))"),
            ]
        )
    }

    // MARK: - Online

    /// Resolves `target` with `resolver` and reports the outcome.
    ///
    /// - Parameters:
    ///   - target: The credential.
    ///   - resolver: The resolver built from the same settings the MID uses.
    ///   - observer: Receives each step of the resolution.
    /// - Returns: One finding for a failure; an ok finding, the warnings and the linter's
    ///   findings for a success.
    ///   - reader: Reads the raw value for the linter, when one is active.
    public func resolve(
        _ target: CredentialTarget,
        with resolver: CredentialResolver,
        reader: SecretValueReader? = nil,
        observer: (@Sendable (ResolutionEvent) -> Void)? = nil
    ) async -> [Finding] {
        let outcome: [Finding]
        do {
            let resolved = try await resolver.resolve(target.request, observer: observer)
            outcome = [resolvedFinding(target, resolved)] + resolved.warnings.map { about(target, $0) }
        } catch let error as MidkvError {
            outcome = [about(target, Finding(error: error, check: Self.onlineCheckName))]
        } catch {
            let failure = MidkvError(.vaultFailed, "\(error)", fix: "Run the check again with --log-level debug.")
            outcome = [about(target, Finding(error: failure, check: Self.onlineCheckName))]
        }
        return outcome + (await lint(target, outcome: outcome, resolver: resolver, reader: reader))
    }

    /// The linter's findings on the value, when the value was read: resolved, or refused for its
    /// JSON; codes the resolution already reported are left out.
    private func lint(
        _ target: CredentialTarget,
        outcome: [Finding],
        resolver: CredentialResolver,
        reader: SecretValueReader?
    ) async -> [Finding] {
        let readable = outcome.first.map { $0.severity == .ok || $0.code.family == "secret" } ?? false
        guard linter.isActive, readable, let reader,
            let id = try? CredentialID(
                parsing: target.credentialID,
                configuredVault: resolver.settings.vaultName?.value
            ),
            let value = await reader.value(of: id.secretName, in: resolver.vaultURL(for: id.vaultName))
        else {
            return []
        }
        // What the resolution already reported (the JSON error, an alias note) is not said twice.
        let reported = Set(outcome.map(\.code))
        return linter.findings(for: value, credentialType: target.type).filter { !reported.contains($0.code) }
            .map { about(target, $0) }
    }

    private func resolvedFinding(_ target: CredentialTarget, _ resolved: ResolvedCredential) -> Finding {
        let fields = resolved.credential.fields.map(\.key.rawValue).joined(separator: ", ")
        return Finding(
            check: Self.onlineCheckName,
            severity: .ok,
            code: .secretResolved,
            message: "\(target) resolved from \(resolved.vaultURL.host ?? resolved.credentialID.vaultName)",
            evidence: [
                Evidence("secret", "\(resolved.credentialID.secretName), version \(resolved.secretVersion)"),
                Evidence("secret type", resolved.credential.jsonType),
                Evidence("fields", fields),
            ]
        )
    }

    /// `finding` under the online check, naming the credential first.
    private func about(_ target: CredentialTarget, _ finding: Finding) -> Finding {
        var named = finding
        named.check = Self.onlineCheckName
        named.evidence.insert(Evidence("credential", target.description), at: 0)
        return named
    }
}

/// The `vault_name` a Credential ID is split against, or why it is not known.
private struct VaultSetting {
    var name: String?
    var unknownReason: String?
    /// Vault names the other Credential IDs name, to recognise a reversed `<vault>:<secret>`.
    var named: [String] = []

    init(settings: Settings?, configFile: MIDConfigFile?) {
        if let settings {
            name = settings.vaultName?.value
            if name == nil, let encrypted = settings.encryptedValue(for: .vaultName), !encrypted.isSuperseded {
                unknownReason = "ext.cred.azure.vault_name is encrypted by the MID; \(SettingKey.vaultName.supplyHint)"
            }
        } else {
            name = configFile?.parameter(named: CredentialID.vaultNameParameter)?.readableValue
        }
    }

    var known: [String] {
        (name.map { [$0] } ?? []) + named
    }
}

extension CredentialTarget {
    /// The vault a `<secret>:<vault>` ID names, when its vault part is a valid vault name.
    fileprivate var namedVault: String? {
        let parts = credentialID.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, KeyVaultName.vault(String(parts[1])).isValid else {
            return nil
        }
        return String(parts[1])
    }
}
