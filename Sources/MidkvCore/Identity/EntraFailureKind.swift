/// What one AADSTS code means for the person fixing the setup: the midkv code, a summary,
/// the cause and the fix.
///
/// Every Entra sign-in mode shares the refusals about tenant, app, scope and cloud; each mode
/// adds the codes of its own credential (secret, certificate, federated token).
struct EntraFailureKind: Sendable {
    /// The midkv code.
    var code: ErrorCode
    /// One line saying what Entra ID refused.
    var summary: String
    /// Why it happens.
    var cause: String
    /// What to change.
    var fix: String

    /// Who asked, for what: the facts the messages name.
    struct Context: Sendable {
        var tenantID: String
        var clientID: String
        var scope: String
    }

    /// The first kind among `modeKinds`, then the shared kinds, that one of `codes` names;
    /// else the generic refusal.
    static func classify(_ codes: [Int], modeKinds: [Int: EntraFailureKind], context: Context) -> EntraFailureKind {
        let shared = sharedKinds(context)
        for number in codes {
            if let kind = modeKinds[number] ?? shared[number] {
                return kind
            }
        }
        return other(context)
    }

    /// The refusals every mode can meet.
    static func sharedKinds(_ context: Context) -> [Int: EntraFailureKind] {
        let tenant = tenantNotFound(context)
        let scope = invalidScope(context)
        return [
            700_016: appNotFound(context),
            90002: tenant,
            900_023: tenant,
            900_021: tenant,
            50059: tenant,
            900_382: crossCloud(context),
            500_011: scope,
            70011: scope,
        ]
    }

    private static func appNotFound(_ context: Context) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityAppNotFound,
            summary: "No application with client ID \(context.clientID) exists in tenant \(context.tenantID)",
            cause: """
                The client ID or the tenant ID is wrong: the two IDs may be swapped, the app may be \
                registered in another tenant, or the app's object ID was used instead of its \
                Application (client) ID.
                """,
            fix: """
                From the app registration's Overview page, copy the Application (client) ID and the \
                Directory (tenant) ID into the configuration, then restart the MID Server.
                """
        )
    }

    private static func tenantNotFound(_ context: Context) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityTenantNotFound,
            summary: "Entra ID does not know tenant \(context.tenantID)",
            cause: "The tenant ID is misspelt, empty, all zeros, or belongs to no directory in this cloud.",
            fix: """
                Copy the Directory (tenant) ID from the app registration's Overview page into the \
                configuration, then restart the MID Server.
                """
        )
    }

    private static func crossCloud(_ context: Context) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityCrossCloud,
            summary: "Entra ID refused a token request that crosses Azure clouds",
            cause: """
                The login host, the token scope and the vault do not all belong to the same cloud, \
                for example a US Government scope sent to the public login host.
                """,
            fix: """
                Use the login host that belongs to the scope \(context.scope) and to the vault's DNS suffix \
                (public: login.microsoftonline.com; US Government: login.microsoftonline.us; China: \
                login.chinacloudapi.cn).
                """
        )
    }

    private static func invalidScope(_ context: Context) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityInvalidScope,
            summary: "Entra ID does not accept the scope \(context.scope)",
            cause: "The scope names a resource the tenant does not know, or it is malformed.",
            fix: """
                Use the Key Vault scope of your cloud, such as https://vault.azure.net/.default, or \
                leave the scope unset so the vault's challenge decides it.
                """
        )
    }

    private static func other(_ context: Context) -> EntraFailureKind {
        EntraFailureKind(
            code: .identityFailed,
            summary: "Entra ID refused the token request for app \(context.clientID)",
            cause: "The service's error and message are shown as evidence.",
            fix: """
                Look up the AADSTS code in Microsoft's Entra ID error reference. The trace and \
                correlation IDs identify the request if you contact Microsoft support.
                """
        )
    }
}
