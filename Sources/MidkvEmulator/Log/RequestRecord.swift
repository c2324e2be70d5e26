import Foundation

/// One answered request, as the emulator's request log keeps it.
///
/// Records hold no secret values, tokens, `Authorization` headers or form bodies; the query
/// keeps only parameters known to be harmless (`api-version`, `maxresults`, `resource`, ...).
public struct RequestRecord: Sendable, Equatable {
    /// What the request was for.
    public enum Kind: String, Sendable, CaseIterable {
        /// A token request to an Entra ID token endpoint (v1 or v2).
        case token
        /// Instance discovery or OpenID configuration on a login host.
        case discovery
        /// A request to the instance metadata service.
        case imds
        /// A request to the App Service identity endpoint.
        case appService = "app-service"
        /// A request to the Azure Arc agent's identity endpoint.
        case arc
        /// A Key Vault read of one secret (`GET /secrets/{name}`) or a deleted secret.
        case vaultRead = "vault-read"
        /// A Key Vault listing (`GET /secrets`, `GET /secrets/{name}/versions`).
        case vaultList = "vault-list"
        /// A Key Vault write (`PUT`, `PATCH`, recover).
        case vaultWrite = "vault-write"
        /// A Key Vault delete or purge.
        case vaultDelete = "vault-delete"
        /// Anything the emulator does not serve.
        case unknown
    }

    /// When the request was answered, by the emulator's clock.
    public var time: Date
    /// The method.
    public var method: String
    /// The host the request named, lower-case without port.
    public var host: String
    /// The path, with only harmless query parameters kept.
    public var path: String
    /// The status answered.
    public var status: Int
    /// The caller: the token's object ID, else its app ID; `nil` without a valid token.
    public var principal: String?
    /// What the request was for.
    public var kind: Kind
    /// The vault name, for Key Vault requests.
    public var vault: String?
    /// The secret name as requested, for Key Vault requests about one secret.
    public var secret: String?
    /// Whether a fault switch produced the answer.
    public var faulted: Bool

    /// Creates a record.
    public init(
        time: Date,
        method: String,
        host: String,
        path: String,
        status: Int,
        principal: String? = nil,
        kind: Kind,
        vault: String? = nil,
        secret: String? = nil,
        faulted: Bool = false
    ) {
        self.time = time
        self.method = method
        self.host = host
        self.path = path
        self.status = status
        self.principal = principal
        self.kind = kind
        self.vault = vault
        self.secret = secret
        self.faulted = faulted
    }

    /// Query parameters that can be logged: none of them carries a secret.
    static let loggableParameters: Set<String> = [
        "api-version", "maxresults", "$skiptoken", "resource", "client_id", "object_id", "principal_id",
        "msi_res_id", "mi_res_id", "authorization_endpoint",
    ]

    /// `request`'s path with only ``loggableParameters`` left in its query.
    static func loggablePath(path: String, query: [(name: String, value: String)]) -> String {
        let kept = query.filter { loggableParameters.contains($0.name) }
        guard !kept.isEmpty else {
            return path
        }
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))
        let pairs = kept.map { item in
            "\(item.name)=\(item.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return path + "?" + pairs.joined(separator: "&")
    }
}
