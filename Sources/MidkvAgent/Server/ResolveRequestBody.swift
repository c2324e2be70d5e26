import Foundation
import MidkvCore

/// Reads the body of `POST /v1/resolve`: `{"id":…,"type":…,"ip":…,"mid":…}`.
///
/// `id` and `type` are required non-empty strings; `ip` and `mid` are optional strings (or
/// `null`). Other members are ignored, so newer resolvers may send more. Errors name the
/// member and what was wrong with it, never its content.
enum ResolveRequestBody {
    /// The request the body describes.
    ///
    /// - Throws: ``MidkvError`` `agent.bad-request` for a body that is empty, not JSON, not an
    ///   object, or lacks a usable `id` or `type`.
    static func parse(_ body: Data) throws(MidkvError) -> CredentialRequest {
        guard !body.isEmpty else {
            throw invalid("The request has no body.", size: 0)
        }
        let object = try decodeObject(body)

        return CredentialRequest(
            credentialID: try required("id", in: object, size: body.count),
            type: try required("type", in: object, size: body.count),
            targetIP: try optional("ip", in: object, size: body.count),
            midName: try optional("mid", in: object, size: body.count)
        )
    }

    private static func decodeObject(_ body: Data) throws(MidkvError) -> [String: Any] {
        let decoded: Any
        do {
            decoded = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        } catch {
            throw invalid("The request body is not valid JSON.", size: body.count)
        }

        guard let object = decoded as? [String: Any] else {
            throw invalid("The request body is JSON but not an object.", size: body.count)
        }
        return object
    }

    private static func required(_ name: String, in object: [String: Any], size: Int) throws(MidkvError) -> String {
        guard let member = object[name], !(member is NSNull) else {
            throw invalid("The request body has no `\(name)` member.", size: size)
        }
        guard let text = member as? String else {
            throw invalid("The request body's `\(name)` member is not a string.", size: size)
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw invalid("The request body's `\(name)` member is empty.", size: size)
        }
        return text
    }

    private static func optional(_ name: String, in object: [String: Any], size: Int) throws(MidkvError) -> String? {
        guard let member = object[name], !(member is NSNull) else {
            return nil
        }
        guard let text = member as? String else {
            throw invalid("The request body's `\(name)` member is not a string.", size: size)
        }
        return text.isEmpty ? nil : text
    }

    private static func invalid(_ message: String, size: Int) -> MidkvError {
        MidkvError(
            .agentBadRequest,
            message,
            evidence: [Evidence("endpoint", "POST /v1/resolve"), Evidence("body size", "\(size) bytes")],
            fix: """
                Send a JSON object with string members `id` (the Credential ID) and `type` (the \
                credential type), and optionally `ip` and `mid`; the midkv resolver JAR does this.
                """
        )
    }
}
