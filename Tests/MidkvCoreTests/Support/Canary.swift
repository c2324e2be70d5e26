import Foundation
import MidkvCore
import MidkvSupport
import Testing

/// Secret values that must never show up in errors, evidence, descriptions or logs.
enum Canary {
    /// A client secret with every character a lax encoder gets wrong.
    static let clientSecret = "CANARY-secret~a+b/c=d&e%f g"

    /// A JWT whose signature carries the canary marker, so any leak of the whole token shows.
    static let token = TestJWT.make(
        claims: [
            "tid": "11111111-2222-3333-4444-555555555555",
            "oid": "0a0b0c0d-1111-2222-3333-444455556666",
            "appid": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            "aud": "https://vault.azure.net",
            "iss": "https://sts.windows.net/11111111-2222-3333-4444-555555555555/",
            "exp": 1_764_766_800,
        ],
        signature: "CANARY-token-signature"
    )

    /// An App Service `IDENTITY_HEADER` value.
    static let identityHeader = "CANARY-identity-header"

    /// A secret value stored in a vault.
    static let secretValue = "CANARY-vault-value-p@ss\"w<o>rd"

    /// The marker every canary carries.
    static let marker = "CANARY"
}

/// Checks that no canary appears anywhere a user or a log could see.
func expectNoCanary(
    _ error: MidkvError,
    _ logs: MemoryLogHandler? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var texts = [
        error.description, error.detailedDescription, error.message, error.fix, error.cause ?? "",
        String(describing: error), String(reflecting: error),
    ]
    texts += error.evidence.map(\.description)
    if let underlying = error.underlying {
        texts += [String(describing: underlying), String(reflecting: underlying)]
    }
    if let logs {
        texts.append(logs.transcript)
    }

    for text in texts {
        #expect(!text.contains(Canary.marker), "canary leaked: \(text)", sourceLocation: sourceLocation)
    }
}

/// Builds unsigned JWTs for tests.
enum TestJWT {
    static func make(claims: [String: Any], signature: String = "signature") -> String {
        let header = encode(try! JSONSerialization.data(withJSONObject: ["alg": "RS256", "typ": "JWT"]))
        let payload = encode(try! JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        return "\(header).\(payload).\(signature)"
    }

    private static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Catches the ``MidkvError`` an async expression throws.
func midkvError<T>(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> MidkvError? {
    do {
        _ = try await body()
        Issue.record("expected a MidkvError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as MidkvError {
        return error
    } catch {
        Issue.record("expected a MidkvError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
