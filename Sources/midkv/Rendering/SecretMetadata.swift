import Foundation
import MidkvCore
import MidkvSupport

/// What `midkv secret get` shows of a secret version: everything but the value, whose length
/// alone is given. The `facts` of its JSON document.
struct SecretMetadata: Encodable, Sendable {
    var secret: String
    var vault: String
    var vaultHost: String
    var id: String
    var version: String
    var enabled: Bool?
    var created: String?
    var updated: String?
    var notBefore: String?
    var expires: String?
    var contentType: String?
    var tags: [String: String]
    var managed: Bool
    var valueBytes: Int
    var checkedType: String?

    init(_ bundle: SecretBundle, vault: String, host: String, checkedType: String?) {
        let format = { (date: Date?) in date.map { $0.formatted(Date.ISO8601FormatStyle()) } }
        secret = bundle.name
        self.vault = vault
        vaultHost = host
        id = bundle.id
        version = bundle.version
        enabled = bundle.attributes.enabled
        created = format(bundle.attributes.created)
        updated = format(bundle.attributes.updated)
        notBefore = format(bundle.attributes.notBefore)
        expires = format(bundle.attributes.expires)
        contentType = bundle.contentType
        tags = bundle.tags
        managed = bundle.managed
        valueBytes = bundle.value.utf8Count
        self.checkedType = checkedType
    }
}
