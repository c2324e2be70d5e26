import MidkvSupport

extension AuthenticationPlan {
    /// One consideration per mode, in ``Mode`` order: the chosen one with `reason`, the others
    /// with why they were skipped.
    static func considerations(_ settings: Settings, chosen: Mode, reason: String) -> [Consideration] {
        let modes = Mode.allCases
        let chosenRank = modes.firstIndex(of: chosen) ?? 0
        return modes.enumerated().map { rank, mode in
            guard mode != chosen else {
                return Consideration(mode: mode, isChosen: true, reason: reason)
            }
            let skipped =
                rank < chosenRank
                ? absenceReason(mode, settings) : precedenceReason(mode, chosen: chosen, settings)
            return Consideration(mode: mode, isChosen: false, reason: skipped)
        }
    }

    /// What sets `mode` up, when something does: `a client secret is set (environment
    /// AZURE_CLIENT_SECRET)`.
    static func presence(_ mode: Mode, _ settings: Settings) -> String? {
        switch mode {
        case .clientCertificate:
            settings.clientCertificatePath.map { "a client certificate is set (\($0.source))" }
        case .clientSecret:
            settings.clientSecret.map { "a client secret is set (\($0.source))" }
        case .workloadIdentity:
            settings.federatedTokenFile.map { "a federated token file is set (\($0.source))" }
        case .appServiceManagedIdentity:
            settings.appServiceIdentity.map { _ in "IDENTITY_ENDPOINT and IDENTITY_HEADER are set" }
        case .arcManagedIdentity:
            settings.arcIdentity.map { "the Azure Arc agent is present (\($0.source))" }
        case .imdsManagedIdentity:
            nil
        }
    }

    private static func absenceReason(_ mode: Mode, _ settings: Settings) -> String {
        switch mode {
        case .clientCertificate:
            "no client certificate: ext.cred.azure.midkv.client_certificate_path, AZURE_CLIENT_CERTIFICATE_PATH "
                + "and --client-certificate are all unset"
        case .clientSecret:
            "no client secret: ext.cred.azure.secret_key, AZURE_CLIENT_SECRET and --client-secret-file are all unset"
        case .workloadIdentity:
            "no federated token file: AZURE_FEDERATED_TOKEN_FILE and --federated-token-file are unset"
        case .appServiceManagedIdentity:
            "IDENTITY_ENDPOINT and IDENTITY_HEADER are not both set"
        case .arcManagedIdentity:
            "no Azure Arc agent: IDENTITY_ENDPOINT and IMDS_ENDPOINT are not both set and "
                + "\(settings.arcAgent.himdsPath) is absent"
        case .imdsManagedIdentity:
            "the instance metadata service is asked only when nothing else is configured"
        }
    }

    private static func precedenceReason(_ mode: Mode, chosen: Mode, _ settings: Settings) -> String {
        let chosenPresence = presence(chosen, settings) ?? "\(chosen) is used"
        if let configured = presence(mode, settings) {
            return "\(configured) too, but \(chosen) takes precedence"
        }
        if mode == .imdsManagedIdentity {
            return "\(chosenPresence); the instance metadata service is asked only when nothing else is configured"
        }
        return absenceReason(mode, settings)
    }

    /// Notes and warnings for credentials that are set but not used by `chosen`.
    static func ignoredCredentials(_ settings: Settings, chosen: Mode) -> [Finding] {
        var findings: [Finding] = []
        if chosen == .clientCertificate, let secret = settings.clientSecret {
            findings.append(
                ignored(
                    "a client secret is set (\(secret.source)) but the client certificate is used",
                    source: secret.source,
                    severity: .warning,
                    fix: "Remove the client secret from \(secret.source.inputName ?? "its source") and delete it in "
                        + "the app registration, so no unused secret stays on disk."
                )
            )
        }
        if chosen != .workloadIdentity, let file = settings.federatedTokenFile, let reason = presence(chosen, settings)
        {
            findings.append(
                ignored(
                    "a federated token file is set (\(file.source)) but not used: \(reason)",
                    source: file.source,
                    severity: .note,
                    fix: "To sign in with workload identity, remove the other credential."
                )
            )
        }
        if chosen != .clientCertificate {
            findings += certificatePartsWithoutCertificate(settings)
        }
        return findings
    }

    private static func certificatePartsWithoutCertificate(_ settings: Settings) -> [Finding] {
        let parts: [(String, SettingSource?)] = [
            (SettingKey.clientCertificateKey.name, settings.clientCertificateKeyPath?.source),
            (SettingKey.clientCertificatePassphrase.name, settings.clientCertificatePassphrase?.source),
        ]
        return parts.compactMap { name, source in
            source.map { source in
                ignored(
                    "\(name) is set (\(source)) but no client certificate is, so it is not used",
                    source: source,
                    severity: .note,
                    fix: "Set the certificate too: \(SettingKey.clientCertificate.supplyHint)."
                )
            }
        }
    }

    private static func ignored(
        _ message: String,
        source: SettingSource,
        severity: Finding.Severity,
        fix: String
    )
        -> Finding
    {
        Finding(
            check: "config",
            severity: severity,
            code: .configCredentialIgnored,
            message: message,
            evidence: [Evidence("source", source.description)],
            fix: fix
        )
    }
}
