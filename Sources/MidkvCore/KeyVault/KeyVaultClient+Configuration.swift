extension KeyVaultClient {
    /// How a ``KeyVaultClient`` talks to Key Vault.
    public struct Configuration: Sendable {
        /// The default API version: generally available in every cloud for years.
        public static let defaultAPIVersion = "7.4"
        /// The time one credential resolution may take by default, retries included.
        public static let defaultBudget = Duration.seconds(60)

        /// The `api-version` query value.
        public var apiVersion: String
        /// Retries for 429, transient 5xx, resets and time-outs.
        public var retry: RetryPolicy
        /// Whether the challenge's resource must cover the vault host. Turn off only for
        /// emulators on loopback, whose host names lie outside any Azure DNS suffix.
        public var verifiesChallengeResource: Bool
        /// The clock for deadlines, waits and secret validity dates.
        public var time: any TimeSource

        /// Creates a configuration.
        public init(
            apiVersion: String = Self.defaultAPIVersion,
            retry: RetryPolicy = .keyVault,
            verifiesChallengeResource: Bool = true,
            time: any TimeSource = SystemTimeSource()
        ) {
            self.apiVersion = apiVersion
            self.retry = retry
            self.verifiesChallengeResource = verifiesChallengeResource
            self.time = time
        }

        /// A deadline `budget` from now, measured on this configuration's clock.
        public func deadline(in budget: Duration = Self.defaultBudget) -> ContinuousClock.Instant {
            time.now + budget
        }
    }
}
