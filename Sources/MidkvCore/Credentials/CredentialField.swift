/// One key of a secret's JSON for a credential type: its accepted spellings, whether it is
/// needed, and the resolver key its value goes to.
public struct CredentialField: Sendable, Hashable, CustomStringConvertible {
    /// Whether a field must be present.
    public enum Presence: Sendable, Hashable {
        /// Must be present and non-empty.
        case required
        /// May be absent, `null` or empty.
        case optional
        /// Required when the named field is present and non-empty, otherwise optional.
        case requiredWith(String)
    }

    /// The documented JSON key.
    public let key: String
    /// Other accepted spellings, tried after ``key`` in this order.
    public let aliases: [String]
    /// Whether the field is needed.
    public let presence: Presence
    /// The resolver key that receives the value, or `nil` when a rule of the type consumes it
    /// (Windows `domain` becomes part of `user`).
    public let resolverKey: ResolverKey?
    /// What to write in an example, such as `<user name>`.
    public let placeholder: String
    /// Whether the value is a secret (a password, key, pass phrase or token) rather than a name or
    /// a setting (a user name, tenant ID, protocol, store type or path).
    ///
    /// A secret is only ever read from a file or standard input, never from a command line.
    public let isSecret: Bool

    /// Creates a field.
    ///
    /// - Parameter isSecret: Whether the value is a secret; by default, whether the resolver key
    ///   is sensitive (a field without a resolver key is not a secret).
    public init(
        _ key: String,
        aliases: [String] = [],
        presence: Presence,
        resolverKey: ResolverKey?,
        placeholder: String,
        isSecret: Bool? = nil
    ) {
        self.key = key
        self.aliases = aliases
        self.presence = presence
        self.resolverKey = resolverKey
        self.placeholder = placeholder
        self.isSecret = isSecret ?? resolverKey?.isSensitive ?? false
    }

    /// Every accepted spelling, ``key`` first.
    public var spellings: [String] {
        [key] + aliases
    }

    /// Whether the field is required whatever else the secret holds.
    public var isRequired: Bool {
        presence == .required
    }

    public var description: String {
        let target = resolverKey.map { " -> \($0)" } ?? ""
        switch presence {
        case .required: return "\(key)\(target)"
        case .optional: return "\(key)\(target) (optional)"
        case .requiredWith(let other): return "\(key)\(target) (required with \(other))"
        }
    }
}

extension CredentialField {
    /// A required field passed to `resolverKey`, or under its own name when that is `nil`.
    static func required(
        _ key: String,
        to resolverKey: ResolverKey? = nil,
        aliases: [String] = [],
        _ placeholder: String
    ) -> CredentialField {
        CredentialField(
            key,
            aliases: aliases,
            presence: .required,
            resolverKey: resolverKey ?? ResolverKey(key),
            placeholder: placeholder
        )
    }

    /// An optional field passed to `resolverKey`, or under its own name when that is `nil`.
    static func optional(
        _ key: String,
        to resolverKey: ResolverKey? = nil,
        aliases: [String] = [],
        _ placeholder: String
    ) -> CredentialField {
        CredentialField(
            key,
            aliases: aliases,
            presence: .optional,
            resolverKey: resolverKey ?? ResolverKey(key),
            placeholder: placeholder
        )
    }

    /// A setting passed through under its own name, such as `tenant_id`: not a secret.
    static func setting(_ key: String, presence: Presence = .optional, _ placeholder: String) -> CredentialField {
        CredentialField(
            key,
            presence: presence,
            resolverKey: ResolverKey(key),
            placeholder: placeholder,
            isSecret: false
        )
    }

    /// `user` -> `user`.
    static let user = required("user", to: .user, "<user name>")
    /// `password` -> `pswd`.
    static let password = required("password", to: .password, "<password>")
}
