/// How a PEM text is laid out and what it holds, from one pass over its bytes.
///
/// Offsets count bytes of the decoded field value. Nothing here holds key material except
/// ``base64``, which only ``SecretRepair`` reads, to write the body again.
struct PEMReading: Sendable {
    /// A character of the body outside the base64 alphabet.
    struct InvalidCharacter: Sendable {
        /// Where it is, in bytes of the field value.
        var offset: Int
        /// The character.
        var scalar: Unicode.Scalar
    }

    /// The label of the `-----BEGIN …-----` line, such as `RSA PRIVATE KEY`.
    var label: String?
    /// Whether a `-----BEGIN` line was found, even one without its closing dashes.
    var hasHeader = false
    /// Whether the header line ends with its five dashes.
    var headerComplete = false
    /// The label of the `-----END …-----` line, when there is one.
    var footerLabel: String?
    /// Whether a `-----END` line was found.
    var hasFooter = false
    /// Why the header, body and footer are not on lines of their own; empty when they are.
    var flattening: [String] = []
    /// Line breaks between the header and the footer.
    var bodyLineBreaks = 0
    /// Encapsulated header lines (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`), as written.
    var headers: [String] = []
    /// The base64 characters of the body, whitespace removed.
    var base64: [UInt8] = []
    /// The length of each base64 line, in order.
    var lineLengths: [Int] = []
    /// Spaces and tabs inside body lines.
    var spacesInBody = 0
    /// The first few characters outside the base64 alphabet.
    var invalidCharacters: [InvalidCharacter] = []
    /// How many characters lie outside the base64 alphabet.
    var invalidCharacterCount = 0
    /// Whether `=` appears other than as the last one or two characters.
    var misplacedPadding = false
    /// The text is a PuTTY key file.
    var isPuTTYKey = false
    /// The text is a one-line OpenSSH public key or certificate (`ssh-rsa AAAA…`).
    var isOpenSSHPublicKey = false

    /// The label the body is read under: the header's, else the footer's.
    var kind: String? {
        label ?? footerLabel
    }

    /// Whether the label names the OpenSSH private key container.
    var isOpenSSH: Bool {
        kind == "OPENSSH PRIVATE KEY"
    }

    /// The line width key tools write: 70 for OpenSSH keys, 64 for other PEM.
    var lineWidth: Int {
        isOpenSSH ? 70 : 64
    }

    /// Whether an encapsulated `Proc-Type` header says the key is encrypted (the legacy
    /// OpenSSL form).
    var hasEncryptedProcType: Bool {
        headers.contains { $0.hasPrefix("Proc-Type:") && $0.contains("ENCRYPTED") }
    }

    /// The number of `=` at the end of the body.
    var padding: Int {
        base64.reversed().prefix { $0 == UInt8(ascii: "=") }.count
    }

    /// Whether the body is well-formed base64.
    var isValidBase64: Bool {
        invalidCharacterCount == 0 && !misplacedPadding && base64.count % 4 == 0 && !base64.isEmpty
    }

    /// The number of bytes the body decodes to.
    var decodedLength: Int {
        base64.count / 4 * 3 - padding
    }
}
