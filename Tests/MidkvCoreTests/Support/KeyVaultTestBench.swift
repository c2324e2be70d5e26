import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// A Key Vault client wired to a scripted transport, virtual time and a captured log.
struct KeyVaultTestBench {
    static let vault = URL(string: "https://kv-contoso-disc.vault.azure.net")!
    static let challengeHeader =
        #"Bearer authorization="https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net""#

    let transport: ScriptedTransport
    let tokens: StubTokenSource
    let time = FakeTimeSource()
    let logs = MemoryLogHandler()
    let client: KeyVaultClient

    init(
        _ steps: [ScriptedTransport.Step] = [],
        tokens: StubTokenSource = StubTokenSource(),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 6, jitter: 0, retryableStatuses: [429, 500, 502, 503, 504]),
        verifiesChallengeResource: Bool = true,
        beforeAnswer: (@Sendable (Int) -> Void)? = nil
    ) {
        self.transport = ScriptedTransport(steps, beforeAnswer: beforeAnswer)
        self.tokens = tokens
        self.client = KeyVaultClient(
            transport: transport,
            tokens: tokens,
            configuration: KeyVaultClient.Configuration(
                retry: retry,
                verifiesChallengeResource: verifiesChallengeResource,
                time: time
            ),
            logger: Logger(label: "midkv.keyvault", handler: logs, minimumLevel: .trace)
        )
    }

    /// The 401 Key Vault sends to a request without a token.
    static var challenge: ScriptedTransport.Step {
        .respond(
            .json(
                401,
                #"{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}"#,
                headers: [("WWW-Authenticate", challengeHeader)]
            )
        )
    }

    /// A 200 secret bundle.
    static func bundle(
        name: String = "linux-root-ssh",
        value: String = Canary.secretValue,
        attributes: String = #""enabled":true,"created":1764000000,"updated":1764000000"#
    ) -> ScriptedTransport.Step {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let body = """
            {"value":"\(escaped)","id":"https://kv-contoso-disc.vault.azure.net/secrets/\(name)/4387e9f3d6e14c459867679a90fd0f79",\
            "contentType":"application/json","tags":{"owner":"discovery"},"attributes":{\(attributes),"recoveryLevel":"Recoverable+Purgeable","recoverableDays":90}}
            """
        return .respond(.json(200, body))
    }

    /// A Key Vault error reply.
    static func failure(
        _ status: Int,
        code: String,
        message: String,
        inner: String? = nil,
        headers: [(String, String)] = []
    ) -> ScriptedTransport.Step {
        let innerPart = inner.map { #","innererror":{"code":"\#($0)"}"# } ?? ""
        let escaped = message.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
            of: "\r\n",
            with: "\\r\\n"
        )
        return .respond(
            .json(status, #"{"error":{"code":"\#(code)","message":"\#(escaped)"\#(innerPart)}}"#, headers: headers)
        )
    }

    func get(
        _ name: String = "linux-root-ssh",
        version: String? = nil,
        budget: Duration = .seconds(60)
    ) async throws -> SecretBundle {
        try await client.getSecret(vault: Self.vault, name: name, version: version, deadline: time.deadline(in: budget))
    }
}
