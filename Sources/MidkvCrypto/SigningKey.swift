import COpenSSL
import Foundation
import MidkvSupport

/// A private key for signing JWTs, read from PEM: the key of a client certificate, or one
/// generated for tests and the demo.
///
/// The key is kept as unencrypted PKCS #8 PEM inside a ``Secret``, so describing, dumping or
/// logging a `SigningKey` shows only its ``kind``. Each operation decodes the PEM afresh,
/// which keeps the value `Sendable` without sharing an OpenSSL object between threads.
public struct SigningKey: Sendable {
    /// What kind of key it is.
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// RSA with a modulus of `bits` bits.
        case rsa(bits: Int)
        /// An elliptic-curve key on a curve of `bits` bits (256 for P-256).
        case ellipticCurve(bits: Int)
        /// Any other algorithm, by OpenSSL's short name (`ED25519`, `RSA-PSS`).
        case other(String)

        public var description: String {
            switch self {
            case .rsa(let bits): "RSA \(bits)-bit"
            case .ellipticCurve(let bits): "EC \(bits)-bit"
            case .other(let name): name
            }
        }

        /// Whether the kind is RSA, the only kind RS256 and PS256 can use.
        public var isRSA: Bool {
            if case .rsa = self {
                return true
            }
            return false
        }
    }

    /// What kind of key it is.
    public let kind: Kind

    private let pkcs8: Secret

    private init(_ key: PrivateKey) throws {
        self.kind = key.kind
        self.pkcs8 = try key.pem()
    }

    /// Reads the private key from PEM text that may also hold certificates.
    ///
    /// The first private key block is used, whatever its form: PKCS #8 (`PRIVATE KEY`,
    /// `ENCRYPTED PRIVATE KEY`), PKCS #1 (`RSA PRIVATE KEY`) or SEC 1 (`EC PRIVATE KEY`),
    /// including traditional encrypted keys.
    /// - Parameters:
    ///   - pem: The PEM text.
    ///   - passphrase: Decrypts an encrypted key; ignored for a plain one.
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/noPrivateKey`` when the text holds no
    ///   key block, ``CryptoError/Code/passphraseRequired``, ``CryptoError/Code/wrongPassphrase``,
    ///   or ``CryptoError/Code/invalidPEM`` for a damaged block.
    public init(pem: Secret, passphrase: Secret? = nil) throws {
        let operation = "reading a private key"
        let blocks = PEMBlock.all(in: pem.reveal())
        guard let block = blocks.first(where: \.isPrivateKey) else {
            let labels = blocks.map(\.label)
            let found = labels.isEmpty ? "no PEM blocks" : "only " + labels.joined(separator: ", ")
            let detail = "expected a PRIVATE KEY block, found \(found)"
            throw CryptoError(.noPrivateKey, operation: operation, detail: detail)
        }

        try self.init(PrivateKey.load(block: block, passphrase: passphrase, operation: operation))
    }

    /// Generates a new key pair of `type`.
    ///
    /// - Throws: ``CryptoError`` with ``CryptoError/Code/keyGeneration``.
    public static func generate(_ type: CertificateAuthority.KeyType) throws -> SigningKey {
        try SigningKey(PrivateKey.generate(type))
    }

    /// The key as unencrypted PKCS #8 PEM (`BEGIN PRIVATE KEY`).
    public var pkcs8PEM: Secret {
        pkcs8
    }

    /// The key as encrypted PKCS #8 PEM (`BEGIN ENCRYPTED PRIVATE KEY`, AES-256-CBC with a key
    /// derived from `passphrase`).
    public func encryptedPEM(passphrase: Secret) throws -> Secret {
        try decoded().encryptedPEM(passphrase: passphrase)
    }

    /// The public half as `BEGIN PUBLIC KEY` PEM, for verifiers.
    public func publicKeyPEM() throws -> String {
        try decoded().publicKeyPEM()
    }

    /// The OpenSSL key, decoded from the stored PEM.
    func decoded() throws -> PrivateKey {
        try PrivateKey.load(pem: pkcs8, operation: "decoding a private key")
    }
}
