/// Running totals of what the emulator answered, for tests that count traffic.
public struct EmulatorCounters: Sendable, Equatable {
    /// Every request answered.
    public var requests = 0
    /// Requests to Entra token endpoints (v1 and v2), whatever the outcome.
    public var tokenRequests = 0
    /// Access tokens issued by any endpoint (Entra, IMDS, App Service).
    public var tokensIssued = 0
    /// Requests to IMDS, the App Service identity endpoint and the Azure Arc agent.
    public var managedIdentityRequests = 0
    /// Answers produced by a fault switch.
    public var faultsInjected = 0
    /// Key Vault requests per vault name (lower-case), whatever the outcome.
    public var vaultRequests: [String: Int] = [:]
    /// Successful (200) secret reads per `vault/secret` (lower-case).
    public var secretReads: [String: Int] = [:]

    /// Creates zeroed counters.
    public init() {}

    /// Successful reads of `secret` in `vault`, compared without case.
    public func secretReads(vault: String, secret: String) -> Int {
        secretReads[Self.key(vault: vault, secret: secret)] ?? 0
    }

    /// Requests to `vault`, compared without case.
    public func vaultRequests(_ vault: String) -> Int {
        vaultRequests[vault.lowercased()] ?? 0
    }

    static func key(vault: String, secret: String) -> String {
        "\(vault.lowercased())/\(secret.lowercased())"
    }
}
