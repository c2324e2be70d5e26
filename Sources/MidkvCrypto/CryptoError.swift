import COpenSSL

/// A failed cryptographic operation: which one, why, and what OpenSSL reported.
///
/// The message names the operation and its non-secret inputs (a DNS name, a PEM kind), plus the
/// text of OpenSSL's error queue. It never carries key material.
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier for the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The identifier text, such as `crypto.invalid-pem`.
        public let rawValue: String

        private init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String {
            rawValue
        }

        /// OpenSSL could not generate a key pair.
        public static let keyGeneration = Code("crypto.key-generation")
        /// OpenSSL could not build or sign a certificate.
        public static let certificateCreation = Code("crypto.certificate-creation")
        /// PEM text could not be read as the expected certificate or key.
        public static let invalidPEM = Code("crypto.invalid-pem")
        /// A private key does not belong to the certificate it came with.
        public static let keyMismatch = Code("crypto.key-mismatch")
        /// A certificate meant to sign others is not a certificate authority.
        public static let notACertificateAuthority = Code("crypto.not-a-ca")
        /// A DNS name, IP address or validity window is not acceptable.
        public static let invalidInput = Code("crypto.invalid-input")
        /// A TLS context or session could not be set up.
        public static let tls = Code("crypto.tls")
        /// PEM text holds no private key block.
        public static let noPrivateKey = Code("crypto.no-private-key")
        /// The private key is encrypted and no passphrase was given.
        public static let passphraseRequired = Code("crypto.passphrase-required")
        /// The passphrase does not decrypt the private key.
        public static let wrongPassphrase = Code("crypto.wrong-passphrase")
        /// The key's type cannot do what was asked, such as an EC key for RS256.
        public static let unsupportedKey = Code("crypto.unsupported-key")
        /// OpenSSL could not compute a signature.
        public static let signing = Code("crypto.signing")
    }

    /// The kind of failure.
    public var code: Code
    /// The operation that failed, as a phrase: `reading the CA private key`.
    public var operation: String
    /// What went wrong and how to fix it, when more can be said than OpenSSL's text.
    public var detail: String
    /// The entries OpenSSL queued for this failure, oldest first.
    public var openSSLErrors: [String]

    /// Creates an error with the given OpenSSL entries.
    public init(_ code: Code, operation: String, detail: String = "", openSSLErrors: [String] = []) {
        self.code = code
        self.operation = operation
        self.detail = detail
        self.openSSLErrors = openSSLErrors
    }

    /// Creates an error from the calling thread's OpenSSL error queue, which it empties.
    public static func fromOpenSSLQueue(_ code: Code, operation: String, detail: String = "") -> CryptoError {
        CryptoError(code, operation: operation, detail: detail, openSSLErrors: drainOpenSSLQueue())
    }

    /// One line: the code, the operation, the detail and the OpenSSL entries.
    public var description: String {
        var text = "\(code): \(operation) failed"
        if !detail.isEmpty {
            text += ": \(detail)"
        }
        if !openSSLErrors.isEmpty {
            text += " (OpenSSL: \(openSSLErrors.joined(separator: "; ")))"
        }
        return text
    }

    /// Takes every entry off the calling thread's OpenSSL error queue, oldest first.
    public static func drainOpenSSLQueue() -> [String] {
        var entries: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)

            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            entries.append(String(decoding: bytes, as: UTF8.self))
        }
        return entries
    }
}
