import Foundation
import MidkvSupport

extension AuthenticationPlan {
    static func validateTenant(_ tenant: Setting<String>) throws {
        let value = tenant.value
        guard !IdentifierRules.isPlaceholder(value) else {
            throw placeholderError(
                tenant,
                shown: value,
                what: "tenant ID",
                fix: "Use the Directory (tenant) ID from the Overview page of the app registration in the Azure "
                    + "portal, a GUID such as 11111111-2222-3333-4444-555555555555."
            )
        }

        guard !IdentifierRules.isGUID(value), !IdentifierRules.isTenantDomain(value) else {
            return
        }
        throw invalidIdentifierError(tenant, what: "tenant ID", expected: "neither a GUID nor a domain name")
    }

    static func validateClientID(_ client: Setting<String>, role: String) throws {
        guard !IdentifierRules.isPlaceholder(client.value) else {
            throw placeholderError(
                client,
                shown: client.value,
                what: role,
                fix: "Use the Application (client) ID from the Overview page of the app registration or managed "
                    + "identity in the Azure portal."
            )
        }

        guard !IdentifierRules.isGUID(client.value) else {
            return
        }
        throw invalidIdentifierError(client, what: role, expected: "not a GUID")
    }

    static func validateSecret(_ secret: Setting<Secret>) throws {
        guard IdentifierRules.isPlaceholder(secret.value.reveal()) else {
            return
        }

        throw placeholderError(
            secret,
            shown: nil,
            what: "client secret",
            fix: "Supply the client secret's Value from Certificates & secrets of the app registration: "
                + "\(SettingKey.clientSecret.supplyHint). To use managed identity instead, remove the secret "
                + "from every source."
        )
    }

    static func validatePath(_ path: Setting<String>, what: String) throws {
        guard IdentifierRules.isPlaceholder(path.value) else {
            return
        }

        throw placeholderError(
            path,
            shown: path.value,
            what: what,
            fix: "Give the absolute path of the file, readable by the MID Server's user."
        )
    }

    // MARK: - Errors

    static func missingError(_ keys: [SettingKey], for credential: Credential) -> MidkvError {
        let names = keys.map(\.name).joined(separator: " and ")
        let verb = keys.count == 1 ? "is" : "are"
        let ways = keys.map { "add \($0.name) to config.xml or \($0.supplyHint)" }
        let what = String(credential.phrase.drop { $0 != " " }.dropFirst())
        let instead =
            credential.purpose == "client-secret sign-in"
            ? "To use managed identity instead, remove the client secret."
            : "To use another sign-in, remove the \(what)."

        return MidkvError(
            .configMissingParameter,
            "\(credential.phrase) is set (\(credential.source)) but \(names) \(verb) not",
            evidence: keys.map { Evidence("missing", $0.name) } + [
                Evidence(what, credential.source.description)
            ],
            cause: "\(credential.purpose.prefix(1).uppercased() + credential.purpose.dropFirst()) needs the tenant ID, "
                + "the client ID and the \(what) together; midkv does not fall back to another sign-in while "
                + "\(credential.phrase) is set.",
            fix: ways.joined(separator: "; ") + ". " + instead
        )
    }

    static func encryptedError(_ values: [EncryptedConfigValue], purpose: String) -> MidkvError {
        let names = values.map(\.parameter.name).joined(separator: " and ")
        let evidence = values.flatMap { value in
            [
                Evidence("parameter", value.parameter.name),
                Evidence("source", value.source.description),
                Evidence("format", value.encryption.description),
            ]
        }

        return MidkvError(
            .configEncryptedValue,
            "\(names) \(values.count == 1 ? "is" : "are") encrypted by the MID Server, and \(purpose) needs "
                + (values.count == 1 ? "it" : "them"),
            evidence: evidence + [Evidence("file", values[0].path)],
            cause: "A MID Server encrypts secure parameters when it starts; only that MID can decrypt them.",
            fix: values.map { "For \($0.parameter.name), \($0.key.supplyHint)" }.joined(separator: "; ") + "."
        )
    }

    private static func placeholderError<Value>(
        _ setting: Setting<Value>,
        shown: String?,
        what: String,
        fix: String
    ) -> MidkvError {
        let empty = shown.map(\.isEmpty) ?? false
        var evidence = [
            Evidence("setting", setting.source.inputName ?? what), Evidence("source", setting.source.description),
        ]
        if let shown {
            evidence.append(Evidence("value", shown.isEmpty ? "(empty)" : shown))
        }

        return MidkvError(
            .configPlaceholder,
            "the \(what) from \(setting.source.detailedDescription) is "
                + (empty ? "empty" : "a placeholder, not a real value"),
            evidence: evidence,
            fix: fix
        )
    }

    private static func invalidIdentifierError(_ setting: Setting<String>, what: String, expected: String) -> MidkvError
    {
        let trimmed = setting.value.trimmingCharacters(in: .whitespacesAndNewlines)
        let cause: String?
        if trimmed != setting.value, IdentifierRules.isGUID(trimmed) || IdentifierRules.isTenantDomain(trimmed) {
            cause = "The value has white space around it."
        } else if IdentifierRules.multiTenantAliases.contains(trimmed.lowercased()) {
            cause = "\(trimmed) is a multi-tenant alias; a client-secret sign-in needs the tenant itself."
        } else {
            cause = nil
        }

        return MidkvError(
            .configInvalidGUID,
            "the \(what) from \(setting.source.detailedDescription) is \(expected)",
            evidence: [
                Evidence("setting", setting.source.inputName ?? what),
                Evidence("source", setting.source.description),
                Evidence("value", setting.value),
            ],
            cause: cause,
            fix: "Use the \(what) exactly as the Azure portal shows it: 36 characters such as "
                + "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee, with no spaces or braces."
        )
    }
}
