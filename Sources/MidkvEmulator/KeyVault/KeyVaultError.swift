/// The Key Vault errors the emulator answers with: status, code, inner code and message.
enum KeyVaultError: Error, Sendable, Equatable {
    /// 401 AKV10000: no bearer token, or one this emulator did not sign.
    case missingToken
    /// 401 `TokenExpired`.
    case tokenExpired
    /// 401 AKV10022: the token is for another audience.
    case wrongAudience(expected: String, found: String)
    /// 401 AKV10032: the token is from another tenant (or cloud).
    case wrongIssuer(expected: String, found: String)
    /// 403 `ForbiddenByFirewall`: the vault's network rules reject the caller's address.
    case firewall(clientAddress: String, caller: String, vault: String, region: String)
    /// 403 `ForbiddenByRbac`: no role assignment grants the action.
    case rbac(caller: String, action: String, resource: String, vault: String, region: String)
    /// 403 `AccessDenied`: no access policy grants the permission.
    case accessPolicy(caller: String, permission: String, vault: String, region: String)
    /// 403 `SecretDisabled`.
    case disabled(operation: String)
    /// 404 `SecretNotFound` for a name or `name/version`.
    case notFound(String)
    /// 404 `SecretNotFound` for a deleted secret.
    case deletedNotFound(String)
    /// 409 `Conflict`: the name belongs to a deleted, recoverable secret.
    case deletedButRecoverable(String)
    /// 400 `BadParameter`.
    case badParameter(String)
    /// 400 `BadParameter` for a name that breaks the naming rule.
    case invalidName(String)
    /// 404 for a path Key Vault has no operation for.
    case unsupportedPath(String)
    /// 405 for a method the path does not take.
    case methodNotAllowed(String)
    /// 429 `Throttled` (fault switch).
    case throttled
    /// 5xx (fault switch).
    case serverError(status: Int)

    /// The HTTP status.
    var status: Int {
        switch self {
        case .missingToken, .tokenExpired, .wrongAudience, .wrongIssuer: 401
        case .firewall, .rbac, .accessPolicy, .disabled: 403
        case .notFound, .deletedNotFound, .unsupportedPath: 404
        case .deletedButRecoverable: 409
        case .badParameter, .invalidName: 400
        case .methodNotAllowed: 405
        case .throttled: 429
        case .serverError(let status): status
        }
    }

    /// `error.code`.
    var code: String {
        switch self {
        case .missingToken, .tokenExpired, .wrongAudience, .wrongIssuer: "Unauthorized"
        case .firewall, .rbac, .accessPolicy, .disabled: "Forbidden"
        case .notFound, .deletedNotFound: "SecretNotFound"
        case .deletedButRecoverable: "Conflict"
        case .badParameter, .invalidName: "BadParameter"
        case .unsupportedPath: "NotFound"
        case .methodNotAllowed: "MethodNotAllowed"
        case .throttled: "Throttled"
        case .serverError(let status): status == 503 ? "ServiceUnavailable" : "InternalServerError"
        }
    }

    /// `error.innererror.code`, where Key Vault sends one.
    var innerCode: String? {
        switch self {
        case .firewall: "ForbiddenByFirewall"
        case .rbac: "ForbiddenByRbac"
        case .accessPolicy: "AccessDenied"
        case .disabled: "SecretDisabled"
        case .deletedButRecoverable: "ObjectIsDeletedButRecoverable"
        default: nil
        }
    }

    /// `error.message`.
    var message: String {
        switch self {
        case .missingToken:
            "AKV10000: Request is missing a Bearer or PoP token."
        case .tokenExpired:
            "[TokenExpired] Error validating token: 'S2S12086'."
        case .wrongAudience(let expected, let found):
            "AKV10022: Invalid audience. Expected \(expected), found: \(found)."
        case .wrongIssuer(let expected, let found):
            "AKV10032: Invalid issuer. Expected one of \(expected), found \(found)."
        default:
            forbiddenMessage
        }
    }

    private var forbiddenMessage: String {
        switch self {
        case .firewall(let address, let caller, let vault, let region):
            [
                "Client address is not authorized and caller is not a trusted service.",
                "Client address: \(address)", "Caller: \(caller)", "Vault: \(vault);location=\(region)",
            ]
            .joined(separator: "\r\n")
        case .rbac(let caller, let action, let resource, let vault, let region):
            [
                "Caller is not authorized to perform action on resource.",
                "If role assignments, deny assignments or role definitions were changed recently, "
                    + "please observe propagation time.",
                "Caller: \(caller)", "Action: '\(action)'", "Resource: '\(resource.lowercased())'",
                "Assignment: (not found)", "DenyAssignmentId: null", "DecisionReason: null ",
                "Vault: \(vault);location=\(region)",
            ]
            .joined(separator: "\r\n")
        case .accessPolicy(let caller, let permission, let vault, let region):
            """
            The user, group or application '\(caller)' does not have \(permission) permission on key \
            vault '\(vault);location=\(region)'. For help resolving this issue, please see \
            https://go.microsoft.com/fwlink/?linkid=2125287
            """
        case .disabled(let operation):
            "Operation \(operation) is not allowed on a disabled secret."
        default:
            otherMessage
        }
    }

    private var otherMessage: String {
        switch self {
        case .notFound(let nameOrID):
            """
            A secret with (name/id) \(nameOrID) was not found in this key vault. If you recently \
            deleted this secret you may be able to recover it using the correct recovery command. \
            For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182
            """
        case .deletedNotFound(let name):
            "Deleted Secret not found: \(name)"
        case .deletedButRecoverable(let name):
            """
            Secret \(name) is currently in a deleted but recoverable state, and its name cannot be \
            reused; in this state, the secret can only be recovered or purged.
            """
        case .badParameter(let message):
            message
        case .invalidName(let name):
            "The request URI contains an invalid name: \(name)"
        case .unsupportedPath(let path):
            "midkv emulator: Key Vault has no operation at \(path)."
        case .methodNotAllowed(let method):
            "The requested resource does not support http method '\(method)'."
        case .throttled:
            "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"
        default:
            "The service is temporarily unable to process the request. Retry the request later."
        }
    }

    /// The error body, `{"error":{"code","message","innererror":{"code"}}}`.
    var body: JSONValue {
        .object([
            "error": .object([
                "code": .string(code),
                "message": .string(message),
                "innererror": innerCode.map { .object(["code": .string($0)]) },
            ])
        ])
    }
}
