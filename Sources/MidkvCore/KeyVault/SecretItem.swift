import Foundation

/// One entry of a secret listing: metadata only, never the value.
public struct SecretItem: Sendable, Equatable {
    /// The identifier: `https://{vault}/secrets/{name}` (with `/{version}` in version listings).
    public var id: String
    /// The secret's name.
    public var name: String
    /// The version, in version listings; empty otherwise.
    public var version: String
    /// The content type.
    public var contentType: String?
    /// The tags.
    public var tags: [String: String]
    /// The management attributes.
    public var attributes: SecretAttributes
    /// Whether the secret backs a certificate.
    public var managed: Bool

    /// Creates an item.
    public init(
        id: String,
        name: String,
        version: String = "",
        contentType: String? = nil,
        tags: [String: String] = [:],
        attributes: SecretAttributes = SecretAttributes(),
        managed: Bool = false
    ) {
        self.id = id
        self.name = name
        self.version = version
        self.contentType = contentType
        self.tags = tags
        self.attributes = attributes
        self.managed = managed
    }

    /// Reads one item of a listing; `nil` without an `id`.
    init?(reply: JSONObject) {
        guard let id = reply.string("id") else {
            return nil
        }

        let parts = SecretIdentifier(id)
        self.init(
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
