import Foundation

/// A `WWW-Authenticate: Bearer …` challenge as Key Vault sends it to an unauthenticated request.
///
/// `Bearer authorization="https://login.windows.net/<tenant>", resource="https://vault.azure.net"`
public struct BearerChallenge: Sendable, Equatable {
    /// The parameters, names lower-cased, values unquoted.
    public var parameters: [String: String]

    /// Creates a challenge from its parameters.
    public init(parameters: [String: String]) {
        self.parameters = parameters
    }

    /// Parses one header value; `nil` unless its scheme is `Bearer`.
    public init?(header: String) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bearer") else {
            return nil
        }
        self.init(parameters: Self.parameters(in: String(trimmed.dropFirst("bearer".count))))
    }

    /// The authority URL (`authorization`, or its alias `authorization_uri`).
    public var authorization: String? {
        parameters["authorization"] ?? parameters["authorization_uri"]
    }

    /// The `resource` parameter (`https://vault.azure.net`).
    public var resource: String? {
        parameters["resource"]
    }

    /// The `scope` parameter, which some services send instead of `resource`.
    public var scope: String? {
        parameters["scope"]
    }

    /// The vault's tenant: the last path segment of the authority URL.
    public var tenantID: String? {
        guard let authorization, let url = URL(string: authorization) else {
            return nil
        }
        return url.pathComponents.last { $0 != "/" && !$0.isEmpty }
    }

    private static func parameters(in text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " ,")).lowercased()
            rest = rest[rest.index(after: equals)...]
            result[name] = takeValue(&rest)
        }
        return result
    }

    private static func takeValue(_ rest: inout Substring) -> String {
        guard rest.first == "\"" else {
            let end = rest.firstIndex(of: ",") ?? rest.endIndex
            defer { rest = rest[end...] }
            return rest[..<end].trimmingCharacters(in: .whitespaces)
        }

        let body = rest.dropFirst()
        let end = body.firstIndex(of: "\"") ?? body.endIndex
        rest = end < body.endIndex ? body[body.index(after: end)...] : body[end...]
        return String(body[..<end])
    }
}
