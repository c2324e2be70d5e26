/// The set of JSON keys one form of a credential type uses.
///
/// Most types have one shape. `keystore` has two that share the same `type` value: an SSL key
/// store file, and SSL connection credentials.
public struct CredentialShape: Sendable, Hashable {
    /// What this form is called when a type has several, such as `SSL keystore`.
    public let name: String
    /// The fields, in the order their resolver keys are returned.
    public let fields: [CredentialField]

    /// Creates a shape.
    public init(name: String, fields: [CredentialField]) {
        self.name = name
        self.fields = fields
    }

    /// The keys that must be present and non-empty.
    public var requiredKeys: [String] {
        fields.filter(\.isRequired).map(\.key)
    }

    /// The keys that may be left out.
    public var optionalKeys: [String] {
        fields.filter { !$0.isRequired }.map(\.key)
    }

    /// Every key and alias the shape reads.
    public var allSpellings: Set<String> {
        Set(fields.flatMap(\.spellings))
    }

    /// An example secret value with placeholders in place of values, required keys only, such as
    /// `{"type": "ssh", "user": "<user name>", "password": "<password>"}`.
    public func template(type: String) -> String {
        let members = [("type", type)] + fields.filter(\.isRequired).map { ($0.key, $0.placeholder) }
        return "{" + members.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ") + "}"
    }

    /// The template followed by the optional keys, for messages.
    public func expectedShape(type: String) -> String {
        let optional = optionalKeys
        let suffix = optional.isEmpty ? "" : "; optional: " + optional.map { "`\($0)`" }.joined(separator: ", ")
        return "`\(template(type: type))`\(suffix)"
    }
}
