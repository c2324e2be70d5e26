import Foundation
import MidkvSupport
import MidkvTransport

extension KeyVaultClient {
    /// The error for a response that is not a success: status first, then `error.code`, then
    /// `error.innererror.code`.
    func failure(for response: HTTPResponse, context: ExchangeContext) -> MidkvError {
        let reply = KeyVaultErrorReply(body: response.body)
        let facts = VaultFailureFacts(response: response, reply: reply, context: context)

        if reply == nil, [401, 403, 404].contains(response.status) {
            return facts.foreignReply()
        }

        switch response.status {
        case 401:
            return facts.unauthorized()
        case 403:
            return facts.forbidden()
        case 404:
            return facts.notFound()
        case 429:
            return facts.throttled()
        case 400:
            return facts.badRequest()
        case 500...599:
            return facts.unavailable()
        default:
            return facts.unexpected()
        }
    }

    /// The error for a success response whose body is not the expected JSON.
    func unexpectedBody(_ response: HTTPResponse, operation: VaultOperation) -> MidkvError {
        let context = ExchangeContext(operation: operation)
        return VaultFailureFacts(response: response, reply: nil, context: context).unexpected()
    }
}

/// What a failed vault response says, gathered once for every kind of error.
struct VaultFailureFacts {
    var response: HTTPResponse
    var reply: KeyVaultErrorReply?
    var context: KeyVaultClient.ExchangeContext

    var target: VaultTarget {
        context.operation.target
    }

    var vault: String {
        target.vaultName
    }

    var secret: String {
        target.secret ?? ""
    }

    /// The secret as users see it: `name` or `name/version`.
    var secretLabel: String {
        target.version.map { "\(secret)/\($0)" } ?? secret
    }

    var serviceMessage: String {
        (reply?.flatMessage ?? "").scrubbing(context.token ?? Secret(""))
    }

    /// Vault host, secret, status, service codes and message, request IDs.
    var evidence: [Evidence] {
        let optional: [(String, String?)] = [
            ("vault host", target.host),
            ("secret", target.secret == nil ? nil : secretLabel),
            ("HTTP status", "\(response.status)"),
            ("service code", reply?.code),
            ("inner code", reply?.innerCode),
            ("service message", serviceMessage.isEmpty ? nil : serviceMessage),
            ("client address seen by the vault", networkInfoAddress),
            ("request ID (x-ms-request-id)", response.headers["x-ms-request-id"]),
            ("client request ID", context.clientRequestID),
        ]
        return optional.compactMap { label, value in value.map { Evidence(label, $0) } }
    }

    /// The caller's address from `x-ms-keyvault-network-info` (`addr=…`).
    var networkInfoAddress: String? {
        guard let info = response.headers["x-ms-keyvault-network-info"] else {
            return nil
        }
        return info.split(separator: ";").first { $0.hasPrefix("addr=") }.map { String($0.dropFirst(5)) }
    }

    /// The principal's app ID: from the token, else from the message's `appid=`.
    var appID: String? {
        context.claims?.appID ?? messageValue(after: "appid=")
    }

    /// The principal's object ID: from the token, else from the message's `oid=`.
    var objectID: String? {
        context.claims?.objectID ?? messageValue(after: "oid=")
    }

    /// The principal for messages: "app ID …, object ID …".
    var principal: String {
        let parts = [appID.map { "app ID \($0)" }, objectID.map { "object ID \($0)" }].compactMap { $0 }
        return parts.isEmpty ? "the principal midkv signs in as" : "the principal (\(parts.joined(separator: ", ")))"
    }

    var principalEvidence: [Evidence] {
        [("principal app ID", appID), ("principal object ID", objectID)]
            .compactMap { label, value in value.map { Evidence(label, $0) } }
    }

    /// The value after `marker` in the service message, up to `;`, `'`, a blank or the end.
    func messageValue(after marker: String) -> String? {
        guard let message = reply?.message, let range = message.range(of: marker) else {
            return nil
        }
        let value = message[range.upperBound...].prefix { !";' \r\n".contains($0) }
        return value.isEmpty ? nil : String(value)
    }

    func error(_ code: ErrorCode, _ message: String, extra: [Evidence] = [], cause: String, fix: String) -> MidkvError {
        MidkvError(code, message, evidence: evidence + extra, cause: cause, fix: fix)
    }
}
