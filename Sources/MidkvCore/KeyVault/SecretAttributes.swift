import Foundation

/// The management attributes of a secret version.
public struct SecretAttributes: Sendable, Equatable {
    /// Whether the version may be read.
    public var enabled: Bool?
    /// `nbf`: the version is not meant to be used before this time.
    public var notBefore: Date?
    /// `exp`: the version is not meant to be used after this time.
    public var expires: Date?
    /// When the version was created.
    public var created: Date?
    /// When the version was last updated.
    public var updated: Date?
    /// The deletion recovery level, such as `Recoverable+Purgeable`.
    public var recoveryLevel: String?
    /// How many days a deleted secret stays recoverable.
    public var recoverableDays: Int?

    /// Creates attributes.
    public init(
        enabled: Bool? = nil,
        notBefore: Date? = nil,
        expires: Date? = nil,
        created: Date? = nil,
        updated: Date? = nil,
        recoveryLevel: String? = nil,
        recoverableDays: Int? = nil
    ) {
        self.enabled = enabled
        self.notBefore = notBefore
        self.expires = expires
        self.created = created
        self.updated = updated
        self.recoveryLevel = recoveryLevel
        self.recoverableDays = recoverableDays
    }

    /// Reads the `attributes` object of a Key Vault reply (times are Unix seconds).
    init(reply: JSONObject?) {
        func date(_ key: String) -> Date? {
            reply?.number(key).map { Date(timeIntervalSince1970: $0) }
        }

        self.init(
            enabled: reply?.bool("enabled"),
            notBefore: date("nbf"),
            expires: date("exp"),
            created: date("created"),
            updated: date("updated"),
            recoveryLevel: reply?.string("recoveryLevel"),
            recoverableDays: reply?.number("recoverableDays").map { Int($0) }
        )
    }

    /// Warnings for a version read outside its validity window: Key Vault serves it anyway.
    func validityFindings(now: Date, secret: String, vault: String) -> [Finding] {
        var findings: [Finding] = []
        if let expires, expires <= now {
            findings.append(expiredFinding(expires, secret: secret, vault: vault))
        }
        if let notBefore, notBefore > now {
            findings.append(notYetValidFinding(notBefore, secret: secret, vault: vault))
        }
        return findings
    }

    private func expiredFinding(_ expires: Date, secret: String, vault: String) -> Finding {
        Finding(
            check: "vault",
            severity: .warning,
            code: .vaultSecretExpired,
            message: "Secret \(secret) in vault \(vault) passed its expiry date; Key Vault still served it",
            evidence: [Evidence("expires", Self.format(expires))],
            cause: "The current version's expiry (exp) attribute lies in the past.",
            fix: "Rotate the credential and store it as a new version with a future expiry, or clear the expiry date."
        )
    }

    private func notYetValidFinding(_ notBefore: Date, secret: String, vault: String) -> Finding {
        Finding(
            check: "vault",
            severity: .warning,
            code: .vaultSecretNotYetValid,
            message: "Secret \(secret) in vault \(vault) is not valid before a future date; Key Vault still served it",
            evidence: [Evidence("not before", Self.format(notBefore))],
            cause: "The current version's activation (nbf) attribute lies in the future.",
            fix: "Check the activation date on the secret's current version, or clear it."
        )
    }

    private static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
