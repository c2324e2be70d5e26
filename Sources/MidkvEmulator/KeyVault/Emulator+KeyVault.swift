import Foundation
import MidkvHTTPServer
import MidkvSupport
import Synchronization

extension Emulator {
    /// The api-version values Key Vault's secrets API has defined.
    static let vaultAPIVersions: Set<String> = [
        "2015-06-01", "2016-10-01", "7.0-preview", "7.0", "7.1-preview", "7.1", "7.2-preview", "7.2",
        "7.3-preview", "7.3", "7.4-preview.1", "7.4", "7.5-preview.1", "7.5", "7.6-preview.1", "7.6-preview.2",
        "7.6", "2025-06-01-preview", "2025-07-01", "2026-01-01-preview", "2026-03-01-preview", "2026-04-01",
        "2026-05-01-preview", "2026-07-01-preview",
    ]

    /// The service version Key Vault reports in `x-ms-keyvault-service-version`.
    static let vaultServiceVersion = "1.9.395.1"

    /// The context one vault request is answered in.
    struct VaultContext {
        var request: HTTPServerRequest
        var clientAddress: String
        var now: Int
    }

    /// Answers a request to a vault host.
    func vaultAnswer(_ request: HTTPServerRequest, name: String, cloud: AzureCloud, host: String) -> Answer {
        state.withLock { state in
            guard var vault = state.vaults[host] else {
                return Answer(response: Self.unknownVault(name, cloud: cloud, host: host), kind: .unknown)
            }

            let address = state.clientAddressOverride ?? Self.peerAddress(request.remoteAddress)
            let context = VaultContext(request: request, clientAddress: address, now: UTCTime.unixSeconds(clock.now()))
            let answer = vaultAnswer(context, vault: &vault)
            state.vaults[host] = vault
            return answer
        }
    }

    private func vaultAnswer(_ context: VaultContext, vault: inout VaultState) -> Answer {
        var answer = Answer(response: HTTPServerResponse(status: 500), kind: .unknown, vault: vault.name)
        do {
            try Self.checkAPIVersion(context.request)
            let segments = Self.pathSegments(context.request.path)
            let operation = try VaultOperation(
                method: context.request.method,
                segments: segments,
                path: context.request.path
            )
            answer.kind = operation.kind
            answer.secret = operation.secretName

            try Self.checkName(operation)
            let claims = try authenticate(context.request, vault: vault, now: context.now)
            answer.principal = claims.objectID
            try authorize(operation, claims: claims, vault: vault, clientAddress: context.clientAddress)

            answer.response = try perform(operation, context: context, vault: &vault)
            answer.secretRead = answer.response.status == 200 && operation.isSecretRead
        } catch {
            answer.response = vaultErrorResponse(error, vault: vault, context: context)
        }
        return answer
    }

    private static func checkAPIVersion(_ request: HTTPServerRequest) throws(KeyVaultError) {
        guard let version = request.query("api-version"), !version.isEmpty else {
            throw .badParameter("The api-version query parameter (?api-version=) is required for all requests.")
        }
        guard vaultAPIVersions.contains(version) else {
            let message = """
                The specified version (\(version)) is not recognized. Consider using the latest supported \
                version (2026-04-01).
                """
            throw .badParameter(message)
        }
    }

    private static func checkName(_ operation: VaultOperation) throws(KeyVaultError) {
        if let name = operation.secretName, !Identifiers.isSecretName(name) {
            throw .invalidName(name)
        }
    }

    /// An answer with Key Vault's headers and the body of `error`; 401s carry the challenge.
    func vaultErrorResponse(_ error: KeyVaultError, vault: VaultState, context: VaultContext) -> HTTPServerResponse {
        var headers = vaultHeaders(vault, context: context)
        if error.status == 401 {
            let authority = "https://\(vault.cloud.challengeLoginHost)/\(vault.tenantID)"
            headers.add(
                "WWW-Authenticate",
                "Bearer authorization=\"\(authority)\", resource=\"\(vault.cloud.vaultResource)\""
            )
        }
        return HTTPServerResponse(status: error.status, headers: headers, body: error.body.data)
    }

    /// The headers every Key Vault answer carries.
    func vaultHeaders(_ vault: VaultState, context: VaultContext) -> HTTPHeaders {
        let family = AddressRange.isIPv6(context.clientAddress) ? ("Ipv6", "InterNetworkV6") : ("Ipv4", "InterNetwork")
        var headers = HTTPHeaders([
            ("Cache-Control", "no-cache"),
            ("Pragma", "no-cache"),
            ("Content-Type", "application/json; charset=utf-8"),
            ("Expires", "-1"),
            ("Strict-Transport-Security", "max-age=31536000;includeSubDomains"),
            ("X-Content-Type-Options", "nosniff"),
            (
                "x-ms-keyvault-network-info",
                "conn_type=\(family.0);addr=\(context.clientAddress);act_addr_fam=\(family.1);"
            ),
            ("x-ms-keyvault-region", vault.region),
            ("x-ms-request-id", Identifiers.randomGUID()),
            ("x-ms-keyvault-service-version", Self.vaultServiceVersion),
        ])
        if let clientRequestID = context.request.headers["x-ms-client-request-id"] {
            headers.add("x-ms-client-request-id", clientRequestID)
        }
        return headers
    }

    /// The address part of `127.0.0.1:50312` or `[::1]:50312`.
    static func peerAddress(_ remote: String) -> String {
        if remote.hasPrefix("["), let end = remote.firstIndex(of: "]") {
            return String(remote[remote.index(after: remote.startIndex)..<end])
        }
        guard remote.filter({ $0 == ":" }).count == 1, let colon = remote.firstIndex(of: ":") else {
            return remote
        }
        return String(remote[..<colon])
    }

    private static func unknownVault(_ name: String, cloud: AzureCloud, host: String) -> HTTPServerResponse {
        let text = """
            midkv emulator: the seed has no vault named '\(name)' in the \(cloud.rawValue) cloud \
            (host \(host)). Add it to the seed's vaults or check the vault name.
            """
        return .text(404, text + "\n")
    }
}

extension VaultOperation {
    /// Whether a 200 answer to this operation hands out a secret value.
    var isSecretRead: Bool {
        if case .getSecret = self {
            return true
        }
        return false
    }
}
