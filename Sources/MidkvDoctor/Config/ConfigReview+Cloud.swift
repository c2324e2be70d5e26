import MidkvCore

extension ConfigReview {
    /// The token URL, the scope and the vault suffix must belong to one Azure cloud.
    func cloudFindings() -> [Finding] {
        guard let settings else {
            return []
        }
        return CloudConsistency(settings: settings).finding().map { [relocated($0)] } ?? []
    }

    /// A settings-level finding with this file's path in front when a parameter of it is involved.
    private func relocated(_ finding: Finding) -> Finding {
        var moved = finding
        if !finding.evidence.contains(where: { $0.label == "file" }) {
            moved.evidence.insert(Evidence("file", file.path), at: 0)
        }
        return moved
    }
}

/// Whether the token URL, the token scope and the vault DNS suffix name the same Azure cloud.
struct CloudConsistency {
    let settings: Settings

    /// The `config.cloud-mismatch` finding, or `nil` when the three agree or a custom host makes
    /// the cloud unknown.
    func finding() -> Finding? {
        let token = settings.tokenCloud
        let scope = settings.scopeCloud
        let vault = AzureCloud.all.first { $0.vaultSuffix == settings.vaultSuffix.value.lowercased() }
        let known = [token, scope, vault].compactMap { $0 }
        guard Set(known.map(\.identifier)).count > 1 else {
            return nil
        }

        let parts = [
            ("token URL", token, settings.tokenURLTemplate.value, settings.tokenURLTemplate.source),
            ("scope", scope, settings.scope.value, settings.scope.source),
            ("vault DNS suffix", vault, settings.vaultSuffix.value, settings.vaultSuffix.source),
        ]
        let named = parts.compactMap { label, cloud, _, source in cloud.map { "\(label) \($0) (\(source))" } }
        return Finding(
            check: ConfigCheck.checkName,
            severity: .error,
            code: .configCloudMismatch,
            message: "The token URL, scope and vault suffix belong to different Azure clouds: "
                + named.joined(separator: ", "),
            evidence: parts.map { label, cloud, value, source in
                Evidence(label, "\(value) (\(cloud?.description ?? "unknown cloud"); \(source.detailedDescription))")
            },
            cause: "A token from one cloud is refused by a vault in another (AKV10022, or AADSTS900382 at sign-in). "
                + "Usually one of the two sovereign-cloud overrides was set and the other left out or misspelled.",
            fix: fix(token: token, scope: scope)
        )
    }

    private func fix(token: AzureCloud?, scope: AzureCloud?) -> String {
        let scopeExplicit = settings.scope.source != .default
        if let scope, scopeExplicit || token == nil {
            return "Use the \(scope) login host: set \(ConfigParameters.authEndpoint) to \(scope.tokenURLTemplate) "
                + "and restart the MID Server."
        }
        if let token {
            return "Use the \(token) Key Vault scope: set \(ConfigParameters.scope) to \(token.defaultScope) "
                + "and restart the MID Server."
        }
        return "Set \(ConfigParameters.authEndpoint) and \(ConfigParameters.scope) for the vault's cloud."
    }
}
