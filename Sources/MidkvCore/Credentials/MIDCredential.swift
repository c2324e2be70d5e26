import MidkvSupport

/// The answer a MID credential resolver returns for one secret: resolver keys and values.
///
/// Built by ``SecretDocument/credential(for:)``. Values are ``Secret``s; ``fields`` lists them in
/// resolver order with their sensitivity, and ``redactedDictionary()`` renders them for display
/// with every sensitive value replaced by ``Secret/redactionMarker``. The required resolver
/// keys of the type are always present and non-empty.
public struct MIDCredential: Sendable, CustomStringConvertible {
    /// One resolver key and its value.
    public struct Field: Sendable, Hashable, CustomStringConvertible {
        /// The resolver key, such as `pswd`.
        public let key: ResolverKey
        /// The value, exactly as the secret's JSON held it (the Windows user qualified).
        public let value: Secret
        /// Whether the value is a secret. Only `user`, `authprotocol`, `privprotocol` and
        /// `contextname` are not.
        public let isSensitive: Bool
        /// The JSON key the value came from, as spelled in the secret.
        public let jsonKey: String

        /// Creates a field; sensitivity follows the key.
        public init(key: ResolverKey, value: Secret, jsonKey: String) {
            self.key = key
            self.value = value
            self.isSensitive = key.isSensitive
            self.jsonKey = jsonKey
        }

        /// The value for display: the value itself when not sensitive, else the redaction marker.
        public var displayValue: String {
            isSensitive ? Secret.redactionMarker : value.reveal()
        }

        public var description: String {
            "\(key): \(displayValue)"
        }
    }

    /// An accepted spelling other than the canonical one.
    public struct AliasUse: Sendable, Hashable, CustomStringConvertible {
        /// What the spelling named.
        public enum Kind: String, Sendable, Hashable {
            /// The JSON `type` value.
            case type
            /// A JSON key.
            case field
        }

        /// Whether a type or a key.
        public let kind: Kind
        /// The spelling found in the secret, such as `private_key`.
        public let spelling: String
        /// The canonical spelling it stands for, such as `ssh_private_key`.
        public let canonical: String

        /// Records that `spelling` was read as `canonical`.
        public init(kind: Kind, spelling: String, canonical: String) {
            self.kind = kind
            self.spelling = spelling
            self.canonical = canonical
        }

        public var description: String {
            "\(kind) `\(spelling)` read as `\(canonical)`"
        }
    }

    /// The type string the MID asked for.
    public let requestedType: String
    /// The catalogue or application type the request resolved to.
    public let credentialType: CredentialType
    /// The `type` value found in the secret's JSON.
    public let jsonType: String
    /// The resolver keys and values, in resolver order.
    public let fields: [Field]
    /// Accepted alternative spellings the secret used, in the order they were read.
    public let aliasesUsed: [AliasUse]
    /// Keys of the secret's JSON that the type does not read, in document order.
    public let ignoredKeys: [String]

    /// The value for `key`, if the credential has it.
    public subscript(key: ResolverKey) -> Secret? {
        fields.first { $0.key == key }?.value
    }

    /// The resolver keys, in order.
    public var keys: [ResolverKey] {
        fields.map(\.key)
    }

    /// Key to value for display: non-sensitive values as they are, sensitive ones replaced by
    /// ``Secret/redactionMarker``.
    public func redactedDictionary() -> [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.displayValue) })
    }

    public var description: String {
        "\(requestedType) credential {\(fields.map(\.description).joined(separator: ", "))}"
    }
}
