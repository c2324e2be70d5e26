import Foundation
import MidkvCore
import MidkvSupport
import MidkvTransport

/// Reads a credential's raw secret value for the linter, through a ``KeyVaultClient`` with the
/// same transport and token source as the resolver.
public struct SecretValueReader: Sendable {
    private let client: KeyVaultClient
    private let budget: Duration
    private let time: any TimeSource

    /// Creates a reader.
    ///
    /// - Parameters:
    ///   - transport: The resolver's transport.
    ///   - tokens: A token source in front of the resolver's token cache, so no new token is asked for.
    ///   - settings: The settings (API version, time budget).
    ///   - time: The clock.
    public init(transport: any HTTPTransport, tokens: any TokenSource, settings: Settings, time: any TimeSource) {
        let configuration = KeyVaultClient.Configuration(apiVersion: settings.keyVaultAPIVersion.value, time: time)
        self.client = KeyVaultClient(transport: transport, tokens: tokens, configuration: configuration)
        self.budget = settings.timeout.value
        self.time = time
    }

    /// The value of `secret` in the vault at `vault`, or `nil` when it cannot be read.
    public func value(of secret: String, in vault: URL) async -> Secret? {
        try? await client.getSecret(vault: vault, name: secret, deadline: time.now + budget).value
    }
}
