import Foundation
import MidkvSupport

/// A secret version as Key Vault returns it: the value and its metadata.
public struct SecretBundle: Sendable {
    /// The value; it never prints.
    public var value: Secret
    /// The full identifier: `https://{vault}/secrets/{name}/{version}`.
    public var id: String
    /// The secret's name.
    public var name: String
    /// The version identifier.
    public var version: String
    /// The content type, free text.
    public var contentType: String?
    /// The tags.
    public var tags: [String: String]
    /// The management attributes.
    public var attributes: SecretAttributes
    /// Whether the secret backs a certificate.
    public var managed: Bool
    /// Warnings about the version: expired (`vault.secret-expired`) or not yet valid
    /// (`vault.secret-not-yet-valid`).
    public var findings: [Finding]

    /// Creates a bundle.
    public init(
        value: Secret,
        id: String,
        name: String,
        version: String,
        contentType: String? = nil,
        tags: [String: String] = [:],
        attributes: SecretAttributes = SecretAttributes(),
        managed: Bool = false,
        findings: [Finding] = []
    ) {
        self.value = value
        self.id = id
        self.name = name
        self.version = version
        self.contentType = contentType
        self.tags = tags
        self.attributes = attributes
        self.managed = managed
        self.findings = findings
    }

    /// Reads a `SecretBundle` reply; `nil` when it has no `value` or `id`.
    init?(reply: JSONObject) {
        guard let value = reply.string("value"), let id = reply.string("id") else {
            return nil
        }

        let parts = SecretIdentifier(id)
        self.init(
            value: Secret(value),
            id: id,
            name: parts.name,
            version: parts.version,
            contentType: reply.string("contentType"),
            tags: reply.stringMap("tags"),
            attributes: SecretAttributes(reply: reply.object("attributes")),
            managed: reply.bool("managed") ?? false
        )
    }
}

/// The name and version in a secret identifier URL.
struct SecretIdentifier {
    var name = ""
    var version = ""

    init(_ id: String) {
        let segments = URL(string: id)?.pathComponents.filter { $0 != "/" } ?? []
        guard let index = segments.firstIndex(of: "secrets") else {
            return
        }

        let rest = segments[(index + 1)...]
        name = rest.first ?? ""
        version = rest.dropFirst().first ?? ""
    }
}
