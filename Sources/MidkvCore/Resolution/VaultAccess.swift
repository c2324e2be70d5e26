import Foundation
import MidkvSupport
import MidkvTransport

/// A Key Vault client wired from ``Settings``: the authentication plan, one transport, one
/// token cache in front of the identity, one client.
///
/// ``CredentialResolver`` reads secrets through one; commands that store secrets or read their
/// metadata build their own from the same settings, so every path authenticates and connects
/// the same way.
public final class VaultAccess: Sendable {
    /// The settings the access was built from.
    public let settings: Settings
    /// How requests authenticate, and why.
    public let plan: AuthenticationPlan
    /// The token cache in front of the identity.
    public let tokenCache: TokenCache
    /// The client, with the settings' API version and clock.
    public let client: KeyVaultClient
    /// The identity behind the token cache, without step reporting.
    public let identity: CachedTokenSource

    private let ownedTransport: CurlHTTPClient?

    /// Builds the access.
    ///
    /// - Parameters:
    ///   - settings: the effective settings.
    ///   - transport: carries every request; `nil` creates a libcurl client from the settings
    ///     (proxy, CA file, redirection), which ``shutdown()`` stops.
    ///   - time: the clock for deadlines, waits and validity dates.
    ///   - logger: receives debug entries, never secret values.
    /// - Throws: ``MidkvError`` from the `config` family when the settings do not allow any
    ///   authentication (see ``AuthenticationPlan``).
    public init(
        settings: Settings,
        transport: (any HTTPTransport)? = nil,
        time: any TimeSource = SystemTimeSource(),
        logger: Logger = .disabled
    ) throws {
        self.settings = settings
        self.plan = try AuthenticationPlan(settings: settings)

        let userAgent = "midkv/\(MidkvVersion.current)"
        let curl =
            transport == nil
            ? CurlHTTPClient(configuration: settings.transportConfiguration(userAgent: userAgent)) : nil
        self.ownedTransport = curl
        let carrier: any HTTPTransport = transport ?? curl!

        self.tokenCache = TokenCache(time: time, logger: logger)
        let identity = plan.tokenSource(settings: settings, transport: carrier, time: time, logger: logger)
        self.identity = tokenCache.caching(identity)
        let observed = ObservedTokenSource(source: self.identity, time: time)
        let configuration = KeyVaultClient.Configuration(apiVersion: settings.keyVaultAPIVersion.value, time: time)
        self.client = KeyVaultClient(transport: carrier, tokens: observed, configuration: configuration, logger: logger)
    }

    /// The URL of the vault named `vaultName`, under the settings' DNS suffix.
    public func vaultURL(for vaultName: String) -> URL {
        URL(string: "https://\(vaultName.lowercased()).\(settings.vaultSuffix.value)")!
    }

    /// Stops the transport the access created, if it created one.
    public func shutdown() {
        ownedTransport?.shutdown()
    }
}
