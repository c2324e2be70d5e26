import Foundation
import MidkvCore
import MidkvSupport

extension ConfigReview {
    private static let checkedNames = ConfigParameters.azure + [ConfigParameters.proxyHost, ConfigParameters.proxyPort]

    /// Values that cannot work: empty or template values, malformed IDs, a secret's ID in place
    /// of its value, a vault name Key Vault would refuse.
    func valueFindings() -> [Finding] {
        Self.checkedNames.compactMap { name in
            guard let parameter = live(name), !parameter.form.isEncrypted else {
                return nil
            }
            return placeholder(parameter) ?? shapeFinding(parameter)
        }
    }

    private func placeholder(_ parameter: MIDConfigParameter) -> Finding? {
        let value = parameter.value.reveal()
        guard IdentifierRules.isPlaceholder(value) else {
            return nil
        }

        let blank = ValueShape.isBlank(value)
        let secret = ConfigParameters.holdsSecret(parameter)
        let shown = blank ? "(empty)" : secret ? "template value, \(ValueShape.describeSecret(value))" : value
        let needed = requiredParameters.contains(parameter.name) || !blank
        return finding(
            needed ? .error : .warning,
            .configPlaceholder,
            "`\(parameter.name)` is " + (blank ? "empty" : "a placeholder, not a real value"),
            line: parameter.line,
            parameter: parameter.name,
            evidence: [Evidence("value", shown)],
            cause: blank ? nil : "A template or documentation example was pasted without its real value.",
            fix: "Set \(parameter.name) to \(Self.realValue(parameter.name)), then restart the MID Server."
        )
    }

    private func shapeFinding(_ parameter: MIDConfigParameter) -> Finding? {
        let value = parameter.value.reveal()
        switch parameter.name {
        case ConfigParameters.tenantID where !IdentifierRules.isGUID(value) && !IdentifierRules.isTenantDomain(value):
            return invalidID(parameter, value: value, expected: "neither a GUID nor a domain name")
        case ConfigParameters.clientID where !IdentifierRules.isGUID(value):
            return invalidID(parameter, value: value, expected: "not a GUID")
        case ConfigParameters.secretKey where IdentifierRules.isGUID(value):
            return secretLooksLikeID(parameter, value: value)
        case ConfigParameters.vaultName:
            return invalidVaultName(parameter, value: value)
        default:
            return nil
        }
    }

    private func invalidID(_ parameter: MIDConfigParameter, value: String, expected: String) -> Finding {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let spaced = trimmed != value && (IdentifierRules.isGUID(trimmed) || IdentifierRules.isTenantDomain(trimmed))
        return finding(
            .error,
            .configInvalidGUID,
            "`\(parameter.name)` is \(expected)",
            line: parameter.line,
            parameter: parameter.name,
            evidence: [Evidence("value", "\"\(value)\""), Evidence("length", String(value.count))],
            cause: spaced
                ? "The value has white space around it." : "Only the 36-character GUID the portal shows is accepted.",
            fix: "Set \(parameter.name) to \(Self.realValue(parameter.name)), without spaces or braces, then "
                + "restart the MID Server."
        )
    }

    private func secretLooksLikeID(_ parameter: MIDConfigParameter, value: String) -> Finding {
        finding(
            .error,
            .configSecretLooksLikeID,
            "`\(parameter.name)` holds a GUID: that is the client secret's ID, not its value",
            line: parameter.line,
            parameter: parameter.name,
            evidence: [Evidence("value shape", ValueShape.describeSecret(value))],
            cause: "The Azure portal lists each client secret with a Secret ID (a GUID) beside its Value; Entra ID "
                + "refuses the ID with AADSTS7000215.",
            fix: "Paste the secret's Value into \(parameter.name). The portal shows it only right after the "
                + "secret is created; if it is gone, create a new client secret. Then restart the MID Server."
        )
    }

    private func invalidVaultName(_ parameter: MIDConfigParameter, value: String) -> Finding? {
        do {
            _ = try CredentialID(parsing: "secret", configuredVault: value)
            return nil
        } catch  where error.code == .configInvalidVaultName {
            let seen = error.evidence.filter { $0.label != "credential ID" && $0.label != "parameter" }
            return finding(
                .error,
                .configInvalidVaultName,
                error.message,
                line: parameter.line,
                parameter: parameter.name,
                evidence: seen + [Evidence("rules", KeyVaultName.rules(for: .vault))],
                cause: error.cause,
                fix: error.fix + " With vault_name set, each Credential ID is just the secret's name; without it, "
                    + "<secret name>:<vault name>."
            )
        } catch {
            return nil
        }
    }

    /// What a real value of `name` looks like, for fixes.
    static func realValue(_ name: String) -> String {
        switch name {
        case ConfigParameters.tenantID:
            "the Directory (tenant) ID from the app registration's Overview page, such as "
                + "11111111-2222-3333-4444-555555555555"
        case ConfigParameters.clientID:
            "the Application (client) ID from the app registration's Overview page"
        case ConfigParameters.secretKey:
            "the client secret's Value from Certificates & secrets of the app registration"
        case ConfigParameters.vaultName:
            "the vault's name, such as kv-contoso-disc"
        case ConfigParameters.authEndpoint:
            "the token URL of the vault's cloud, such as https://login.microsoftonline.us/%s/oauth2/v2.0/token"
        case ConfigParameters.scope:
            "the Key Vault scope of the vault's cloud, such as https://vault.usgovcloudapi.net/.default"
        case ConfigParameters.proxyPort:
            "the proxy's port number"
        default:
            "the real value"
        }
    }
}
