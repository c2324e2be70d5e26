import Foundation
import MidkvSupport

/// A `WWW-Authenticate: Bearer …` challenge from Key Vault, which says where to get a token and
/// for which resource.
///
/// Parameters are matched case-insensitively, in any order, quoted or not:
/// `authorization` (or `authorization_uri`), `resource`, `scope`.
public struct BearerChallenge: Sendable, Equatable {
    /// The parameters, keyed by lower-cased name.
    public var parameters: [String: String]

    /// Creates a challenge from its parameters.
    public init(parameters: [String: String]) {
        self.parameters = Dictionary(parameters.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    /// Parses the Bearer challenge in one header value; `nil` when there is none.
    public init?(header: String) {
        guard let parameters = ChallengeParser.bearerParameters(in: header) else {
            return nil
        }
        self.init(parameters: parameters)
    }

    /// The first Bearer challenge among the `WWW-Authenticate` headers that names a scope or
    /// resource.
    public static func first(in headers: HTTPHeaders) -> BearerChallenge? {
        headers.values(for: "WWW-Authenticate")
            .compactMap(BearerChallenge.init(header:))
            .first { $0.tokenScope != nil }
    }

    /// The authorization URL (`https://login.windows.net/{tenant}`).
    public var authorization: String? {
        parameters["authorization"] ?? parameters["authorization_uri"]
    }

    /// The resource (`https://vault.azure.net`).
    public var resource: String? {
        parameters["resource"]
    }

    /// The scope, when the challenge names one.
    public var scope: String? {
        parameters["scope"]
    }

    /// The scope to request a token for: `scope` as given, else the resource without a trailing
    /// slash plus `/.default`.
    public var tokenScope: String? {
        if let scope, !scope.isEmpty {
            return scope
        }
        guard var resource, !resource.isEmpty else {
            return nil
        }
        while resource.hasSuffix("/") {
            resource.removeLast()
        }
        return resource + "/.default"
    }

    /// The vault's tenant: the first path segment of the authorization URL.
    public var tenantID: String? {
        guard let authorization, let url = URL(string: authorization) else {
            return nil
        }
        return url.pathComponents.first { $0 != "/" }
    }

    /// The host of the scope or resource (`vault.azure.net`).
    public var resourceHost: String? {
        (scope ?? resource).flatMap { URL(string: $0)?.host?.lowercased() }
    }

    /// Whether `host` lies under the challenge's resource host (`kv.vault.azure.net` under
    /// `vault.azure.net`), compared case-insensitively.
    public func covers(host: String) -> Bool {
        guard let resourceHost, !resourceHost.isEmpty else {
            return false
        }
        return host.lowercased().hasSuffix("." + resourceHost)
    }
}
