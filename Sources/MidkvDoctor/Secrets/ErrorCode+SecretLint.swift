import MidkvCore

// The codes `SecretLinter` adds to the `secret` family. docs/secrets.md lists each with its fix.

extension ErrorCode {
    /// The value is not UTF-8 as Key Vault and the MID read it: a byte-order mark, UTF-16, NUL
    /// bytes or invalid UTF-8 sequences.
    public static let secretEncoding = ErrorCode("secret.encoding")
    /// An invisible or look-alike character: zero-width characters, a byte-order mark inside the
    /// text, a non-breaking space, smart quotes, dashes that are not `-`, letters from another
    /// script that look Latin, control characters.
    public static let secretInvisibleCharacter = ErrorCode("secret.invisible-character")
    /// Spaces, tabs or line breaks at the ends of a one-line field, or line breaks inside it.
    public static let secretWhitespace = ErrorCode("secret.whitespace")
    /// The value is larger than Key Vault stores.
    public static let secretTooLarge = ErrorCode("secret.too-large")
    /// A PEM key whose header, body and footer do not sit on lines of their own.
    public static let secretPEMFlattened = ErrorCode("secret.pem-flattened")
    /// A PEM key cut short: no body, no footer, no header, a body shorter than its own length
    /// field, or footer and header naming different kinds.
    public static let secretPEMTruncated = ErrorCode("secret.pem-truncated")
    /// A PEM key whose line breaks are still the two characters `\n` after JSON decoding.
    public static let secretPEMEscaped = ErrorCode("secret.pem-escaped")
    /// A PEM body that is not base64: characters outside the alphabet, a length that is not a
    /// multiple of 4, misplaced padding, uneven or over-long lines.
    public static let secretPEMInvalidBase64 = ErrorCode("secret.pem-invalid-base64")
    /// A private key in the OpenSSH container (`BEGIN OPENSSH PRIVATE KEY`), which older Java SSH
    /// stacks reject.
    public static let secretKeyOpenSSHFormat = ErrorCode("secret.key-openssh-format")
    /// An encrypted private key with no pass phrase in the secret.
    public static let secretKeyEncryptedNoPassphrase = ErrorCode("secret.key-encrypted-no-passphrase")
    /// Something other than a private key where one belongs: a public key, a certificate, a
    /// PuTTY key file.
    public static let secretKeyUnsupportedFormat = ErrorCode("secret.key-unsupported-format")
    /// A Windows user written as `DOMAIN\user` or `user@domain` next to a `domain` field.
    public static let secretDomainTwice = ErrorCode("secret.domain-twice")
    /// A Windows credential without a domain: the MID logs on as the local account `.\user`.
    public static let secretDomainEmpty = ErrorCode("secret.domain-empty")
}
