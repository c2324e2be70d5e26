/// A key of the map a MID Server credential resolver returns, such as `user` or `pswd`.
///
/// The nine standard keys are the ones the MID reads from a resolver's answer and copies into
/// its credential. A credential type may also pass extra, record-specific keys through under
/// their own JSON names (`tenant_id`, `keystore_path`); current MIDs may read some of those for
/// cloud types, older ones ignore them.
public struct ResolverKey: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The key as it appears in the resolver's map.
    public let rawValue: String

    /// Creates a key from its name in the resolver map.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a key from its name in the resolver map.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// `user`: the user name; the MID stores it as the credential's `user_name`.
    public static let user = ResolverKey("user")
    /// `pswd`: the password; the MID stores it as `password`.
    public static let password = ResolverKey("pswd")
    /// `pkey`: the private key, or the API key for key-based types; the MID stores it as `ssh_private_key`.
    public static let privateKey = ResolverKey("pkey")
    /// `passphrase`: the private key's pass phrase; the MID stores it as `ssh_passphrase`.
    public static let passphrase = ResolverKey("passphrase")
    /// `authprotocol`: the SNMPv3 authentication protocol, such as `SHA`.
    public static let authProtocol = ResolverKey("authprotocol")
    /// `authkey`: the SNMPv3 authentication key.
    public static let authKey = ResolverKey("authkey")
    /// `privprotocol`: the SNMPv3 privacy protocol, such as `AES128`.
    public static let privProtocol = ResolverKey("privprotocol")
    /// `privkey`: the SNMPv3 privacy key.
    public static let privKey = ResolverKey("privkey")
    /// `contextname`: the SNMPv3 context name.
    public static let contextName = ResolverKey("contextname")

    /// The nine keys the MID reads from a resolver's answer, in this order.
    public static let standard: [ResolverKey] = [
        .user, .password, .privateKey, .passphrase, .authProtocol, .authKey, .privProtocol, .privKey, .contextName,
    ]

    /// The keys whose values are names or settings rather than secrets.
    public static let nonSensitive: Set<ResolverKey> = [.user, .authProtocol, .privProtocol, .contextName]

    /// Whether this is one of the nine standard keys.
    public var isStandard: Bool {
        Self.standard.contains(self)
    }

    /// Whether the value must be treated as a secret: everything except `user`, `authprotocol`,
    /// `privprotocol` and `contextname`, pass-through keys included.
    public var isSensitive: Bool {
        !Self.nonSensitive.contains(self)
    }

    public var description: String {
        rawValue
    }
}
