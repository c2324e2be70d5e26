import MidkvCore

/// What the field checks learned about one member of the secret's object, for repairs.
struct MemberNote: Sendable {
    /// The catalogue field the key names, if any.
    var field: CredentialField?
    /// The key with invisible characters and surrounding spaces removed, when that changes it.
    var cleanedKey: String?
    /// The key the member should be renamed to, if a rename is safe.
    var renameTo: String?
    /// The PEM reading of the value, for key fields.
    var pem: PEMReading?
    /// Whether the value's line breaks were written as `\n` text (doubly escaped).
    var pemEscaped = false
    /// Whether the value ends in a line break the field should not have.
    var trailingLineBreak = false
}
