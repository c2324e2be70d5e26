import MidkvCore

extension ConfigReview {
    /// Whether the file sets up client-secret sign-in: `secret_key` is written, under its own name
    /// or a name the MID ignores, or inside a comment.
    var intendsClientSecret: Bool {
        live(ConfigParameters.secretKey) != nil || !nearMisses(of: ConfigParameters.secretKey).isEmpty
            || commented(ConfigParameters.secretKey) != nil
    }

    /// The parameters the sign-in the file sets up cannot do without.
    var requiredParameters: [String] {
        intendsClientSecret ? [ConfigParameters.tenantID, ConfigParameters.clientID, ConfigParameters.secretKey] : []
    }

    /// Parameters written under a name the MID ignores that was meant to be `valid`.
    func nearMisses(of valid: String) -> [MIDConfigParameter] {
        file.parameters.filter { ParameterNameMatcher.match($0.name)?.suggestion == valid }
    }

    /// The commented-out declaration of `name`, if any.
    func commented(_ name: String) -> MIDConfigFile.CommentedParameter? {
        file.commentedParameters.first { $0.name == name }
    }

    // MARK: - config.missing-parameter

    /// Parameters the sign-in needs that the MID will not find.
    func missingFindings() -> [Finding] {
        let missing = requiredParameters.filter { live($0) == nil }.map(missing)
        guard missing.isEmpty, !intendsClientSecret else {
            return missing
        }
        return certificateOrIdentityNote().map { [$0] } ?? []
    }

    private func missing(_ name: String) -> Finding {
        var evidence = [Evidence("sign-in", "client secret (\(clientSecretReason))")]
        evidence += nearMisses(of: name).map { Evidence("written as", "`\($0.name)` on line \($0.line)") }
        if let hidden = commented(name) {
            evidence.append(Evidence("commented out", "line \(hidden.line)"))
        }

        return finding(
            .error,
            .configMissingParameter,
            "`\(name)` is not set; client-secret sign-in needs the tenant ID, the client ID and the secret",
            parameter: name,
            evidence: evidence,
            cause: "Without it the MID asks Entra ID for a token with a null value, and every Key Vault "
                + "credential fails.",
            fix: "Add \(Self.element(name, secure: true)) inside <parameters>, then restart the MID Server."
        )
    }

    private var clientSecretReason: String {
        if let secret = live(ConfigParameters.secretKey) {
            return "\(ConfigParameters.secretKey) on line \(secret.line)"
        }
        if let near = nearMisses(of: ConfigParameters.secretKey).first {
            return "`\(near.name)` on line \(near.line)"
        }
        return "\(ConfigParameters.secretKey) in a comment"
    }

    private func certificateOrIdentityNote() -> Finding? {
        guard let tenant = present(ConfigParameters.tenantID), present(ConfigParameters.clientID) != nil else {
            return nil
        }
        let midkvMode = settings.flatMap { try? AuthenticationPlan(settings: $0) }?.mode.description
        return finding(
            .note,
            .configMissingParameter,
            "tenant_id and client_id are set without secret_key: the MID signs in with an imported certificate, "
                + "or else with the VM's managed identity; midkv uses \(midkvMode ?? "managed identity")",
            line: tenant.line,
            parameter: ConfigParameters.secretKey,
            fix: "For client-secret sign-in add \(Self.element(ConfigParameters.secretKey, secure: true)); for "
                + "managed identity nothing needs to change."
        )
    }
}
