import Foundation
import MidkvCore
import MidkvCrypto
import MidkvSupport
import MidkvTestSupport
import Testing

/// Real client certificates and keys, written as PEM files into a scratch folder.
///
/// RSA keys are slow to make, so a few are made once per test run and shared; certificates
/// are cheap and made per test with the validity each test needs.
struct CertificateFixtures: Sendable {
    /// A passphrase that must never show anywhere.
    static let passphrase = "CANARY-key-passphrase-Zq8"

    /// The key most tests sign with.
    static func key() throws -> SigningKey {
        try TestKeys.rsa(0)
    }

    /// A second RSA key, for mismatches.
    static func otherKey() throws -> SigningKey {
        try TestKeys.rsa(1)
    }

    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory(prefix: "midkv-cert")
    }

    func remove() {
        folder.remove()
    }

    /// A certificate for `key`, valid from `notBefore` to `notAfter` (a day ago to a year on).
    static func certificate(
        _ key: SigningKey,
        notBefore: Date = Date().addingTimeInterval(-86_400),
        notAfter: Date = Date().addingTimeInterval(365 * 86_400)
    ) throws -> String {
        try key.selfSignedCertificatePEM(commonName: "midkv-discovery", notBefore: notBefore, notAfter: notAfter)
    }

    /// Writes `text` to `name` and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try folder.write(name, text)
    }

    /// Files set by flags, as the settings would give them.
    static func files(certificate: String, key: String? = nil, passphrase: String? = nil) -> ClientCertificateFiles {
        ClientCertificateFiles(
            certificatePath: Setting(certificate, source: .flag("--client-certificate")),
            keyPath: key.map { Setting($0, source: .flag("--client-certificate-key")) },
            passphrase: passphrase.map {
                Setting(Secret($0), source: .environment("AZURE_CLIENT_CERTIFICATE_PASSWORD"))
            }
        )
    }

    /// The SHA-1 thumbprint of `pem` as the portal shows it.
    static func portalThumbprint(_ pem: String) throws -> String {
        try #require(try CertificateInfo.parse(pem: pem).first).portalThumbprint
    }
}
