/// The Entra ID (AADSTS) errors the emulator answers with: code, OAuth error, status, message.
enum EntraError: Error, Sendable, Equatable {
    /// 90002: a well-formed tenant that does not exist.
    case tenantNotFound(String)
    /// 900023: a tenant that is neither a GUID nor a domain name.
    case tenantMalformed(String)
    /// 900021: the all-zero GUID as tenant.
    case tenantEmptyGUID
    /// 50059: `common` or `organizations` with the client-credentials grant.
    case tenantNotIdentified
    /// 900144: a required form field is missing.
    case missingParameter(String)
    /// 70003: a grant type other than `client_credentials`.
    case unsupportedGrant(String)
    /// 700038: a client ID that is not a GUID, or the all-zero GUID.
    case invalidClientID(String)
    /// 700016: no app with this client ID in the tenant.
    case applicationNotFound(clientID: String, directory: String)
    /// 7000218: neither a client secret nor an assertion.
    case credentialMissing
    /// 7000215: the client secret matches none of the app's secrets.
    case invalidSecret(clientID: String)
    /// 7000222: the client secret matches only expired secrets.
    case secretExpired(clientID: String)
    /// 500011: a resource Entra ID does not know.
    case resourceNotFound(resource: String, directory: String)
    /// 70011: a scope that is not `{resource}/.default`.
    case invalidScope(String)
    /// 900382: a scope from another cloud than the login host.
    case crossCloud
    /// 900561: the token endpoint was called with another method than POST.
    case postOnly(method: String)
    /// 50049: instance discovery for an authority host that is not a login host.
    case unknownInstance
    /// 90055: throttled (fault switch).
    case throttled
    /// 90033: transient failure (fault switch), answered with `status`.
    case unavailable(status: Int)
    /// A refused client assertion or federated token.
    case assertion(AssertionFailure)

    /// The AADSTS number.
    var code: Int {
        switch self {
        case .tenantNotFound: 90002
        case .tenantMalformed: 900023
        case .tenantEmptyGUID: 900021
        case .tenantNotIdentified: 50059
        case .missingParameter: 900144
        case .unsupportedGrant: 70003
        case .invalidClientID: 700038
        case .applicationNotFound: 700016
        case .credentialMissing: 7_000_218
        case .invalidSecret: 7_000_215
        case .secretExpired: 7_000_222
        case .resourceNotFound: 500011
        case .invalidScope: 70011
        case .crossCloud: 900382
        case .postOnly: 900561
        case .unknownInstance: 50049
        case .throttled: 90055
        case .unavailable: 90033
        case .assertion(let failure): failure.code
        }
    }

    /// The OAuth `error` value.
    var oauthError: String {
        switch self {
        case .tenantNotFound: "invalid_tenant"
        case .unsupportedGrant: "unsupported_grant_type"
        case .invalidClientID, .applicationNotFound: "unauthorized_client"
        case .credentialMissing, .invalidSecret, .secretExpired: "invalid_client"
        case .resourceNotFound: "invalid_resource"
        case .invalidScope: "invalid_scope"
        case .unknownInstance: "invalid_instance"
        case .throttled, .unavailable: "temporarily_unavailable"
        case .assertion(let failure): failure.isFederation ? "invalid_request" : "invalid_client"
        default: "invalid_request"
        }
    }

    /// The HTTP status.
    var status: Int {
        switch self {
        case .credentialMissing, .invalidSecret, .secretExpired: 401
        case .throttled: 429
        case .unavailable(let status): status
        case .assertion(let failure): failure.isFederation ? 400 : 401
        default: 400
        }
    }

    /// The message after `AADSTSnnnn: `.
    var message: String {
        switch self {
        case .tenantNotFound(let tenant):
            """
            Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are \
            signing into the correct cloud. Check with your subscription administrator, this may \
            happen if there are no active subscriptions for the tenant.
            """
        case .tenantMalformed(let tenant):
            "Specified tenant identifier '\(tenant)' is neither a valid DNS name, nor a valid external domain."
        case .tenantEmptyGUID:
            """
            Requested tenant identifier '00000000-0000-0000-0000-000000000000' is not valid. \
            Tenant identifiers may not be an empty GUID.
            """
        case .tenantNotIdentified:
            "No tenant-identifying information found in either the request or implied by any provided credentials."
        case .assertion(let failure):
            failure.message
        default:
            clientMessage
        }
    }

    private var clientMessage: String {
        switch self {
        case .missingParameter(let name):
            "The request body must contain the following parameter: '\(name)'."
        case .unsupportedGrant(let grant):
            "The app requested an unsupported grant type '\(grant)'."
        case .invalidClientID(let clientID):
            "\(clientID) is not a valid application identifier."
        case .applicationNotFound(let clientID, let directory):
            """
            Application with identifier '\(clientID)' was not found in the directory '\(directory)'. \
            This can happen if the application has not been installed by the administrator of the \
            tenant or consented to by any user in the tenant. You may have sent your authentication \
            request to the wrong tenant.
            """
        case .credentialMissing:
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
        case .invalidSecret(let clientID):
            """
            Invalid client secret provided. Ensure the secret being sent in the request is the client \
            secret value, not the client secret ID, for a secret added to app '\(clientID)'.
            """
        case .secretExpired(let clientID):
            """
            The provided client secret keys for app '\(clientID)' are expired. Visit the Azure portal \
            to create new keys for your app: https://aka.ms/NewClientSecret, or consider using \
            certificate credentials for added security: https://aka.ms/certCreds.
            """
        default:
            resourceMessage
        }
    }

    private var resourceMessage: String {
        switch self {
        case .resourceNotFound(let resource, let directory):
            """
            The resource principal named \(resource) was not found in the tenant named \(directory). \
            This can happen if the application has not been installed by the administrator of the \
            tenant or consented to by any user in the tenant. You might have sent your authentication \
            request to the wrong tenant.
            """
        case .invalidScope(let scope):
            "The provided value for the input parameter 'scope' is not valid. The scope \(scope) is not valid."
        case .crossCloud:
            "Confidential Client is not supported in Cross Cloud request."
        case .postOnly(let method):
            "The endpoint only accepts POST, OPTIONS requests. Received a \(method) request."
        case .unknownInstance:
            "Unknown or invalid instance."
        case .throttled:
            "TenantThrottlingError - There are too many incoming requests. Please try again later."
        default:
            "A transient error has occurred. Please try again."
        }
    }
}
