import Foundation
import MidkvCrypto
import MidkvSupport

/// A client certificate and its private key, read from PEM and checked: what certificate
/// sign-in signs its client assertions with.
///
/// ``load(_:reader:)`` reads the files and makes sure the key belongs to the certificate and
/// is an RSA key; ``checkValidity(at:)`` compares the validity window with the clock. The key
/// stays inside a ``SigningKey``, so describing or dumping a certificate never shows it.
public struct ClientCertificate: Sendable {
    /// How long before its end date a certificate is reported as expiring.
    public static let expiryWarningPeriod: TimeInterval = 30 * 86_400

    /// The files the certificate and key came from.
    public let files: ClientCertificateFiles
    /// The certificate the key belongs to (the leaf, when the file holds a chain).
    public let info: CertificateInfo
    /// The private key.
    public let key: SigningKey

    init(files: ClientCertificateFiles, info: CertificateInfo, key: SigningKey) {
        self.files = files
        self.info = info
        self.key = key
    }

    /// The SHA-1 thumbprint in upper-case hexadecimal, as the Azure portal lists certificates.
    public var portalThumbprint: String {
        info.portalThumbprint
    }

    /// The `x5t#S256` value an assertion names: Base64URL of the SHA-256 of the certificate.
    public var x5tS256: String {
        info.x5tS256
    }

    /// The certificate as evidence: subject, thumbprints, validity and key type.
    ///
    /// The `x5t#S256` value is what an assertion signed with this certificate names; nothing is
    /// claimed to have been sent. Messages about a request Entra ID answered use
    /// ``evidenceOfRequest`` instead.
    public var evidence: [Evidence] {
        evidence(x5tLabel: "x5t#S256")
    }

    /// The certificate as evidence of a token request that carried an assertion signed with it:
    /// as ``evidence``, with the `x5t#S256` labelled as the value sent.
    var evidenceOfRequest: [Evidence] {
        evidence(x5tLabel: "x5t#S256 sent")
    }

    private func evidence(x5tLabel: String) -> [Evidence] {
        [
            Evidence("certificate subject", info.subject),
            Evidence("certificate thumbprint (SHA-1, as the Azure portal shows it)", portalThumbprint),
            Evidence(x5tLabel, x5tS256),
            Evidence("valid from", IdentityTime.text(info.notBefore)),
            Evidence("valid until", IdentityTime.text(info.notAfter)),
            Evidence("key", key.kind.description),
        ]
    }

    /// Throws when `now` lies outside the certificate's validity window.
    ///
    /// - Throws: ``MidkvError`` with `identity.certificate-expired` or
    ///   `identity.certificate-not-yet-valid`, showing the dates and the local time.
    public func checkValidity(at now: Date) throws(MidkvError) {
        if now > info.notAfter {
            throw expired(now: now)
        }
        if now < info.notBefore {
            throw notYetValid(now: now)
        }
    }

    /// Whether the certificate ends within ``expiryWarningPeriod`` of `now`.
    public func isExpiringSoon(at now: Date) -> Bool {
        info.notAfter.timeIntervalSince(now) < Self.expiryWarningPeriod
    }

    private func expired(now: Date) -> MidkvError {
        MidkvError(
            .identityCertificateExpired,
            "The client certificate \(info.subject) expired on \(IdentityTime.text(info.notAfter))",
            evidence: evidence + [Evidence("local time", IdentityTime.text(now))] + files.evidence,
            cause: """
                Certificates have an end date and Entra ID stops accepting the credential with it; \
                this one ended \(IdentityTime.span(now.timeIntervalSince(info.notAfter))) ago by this \
                host's clock.
                """,
            fix: Self.renewalFix
        )
    }

    private func notYetValid(now: Date) -> MidkvError {
        MidkvError(
            .identityCertificateNotYetValid,
            "The client certificate \(info.subject) is valid only from \(IdentityTime.text(info.notBefore))",
            evidence: evidence + [Evidence("local time", IdentityTime.text(now))] + files.evidence,
            cause: """
                The certificate's start date is \(IdentityTime.span(info.notBefore.timeIntervalSince(now))) \
                ahead of this host's clock: it was issued with a future start date, or this host's \
                clock is behind.
                """,
            fix: """
                Check this host's clock against an NTP source (`date -u`); if the clock is right, \
                wait for the start date or issue a certificate that is valid now.
                """
        )
    }

    /// How to replace a certificate, for every message that ends in a renewal.
    static let renewalFix = """
        Create a new certificate (RSA 2048 or larger), upload its public part (.cer or .pem, \
        without the key) to the app registration under Certificates & secrets > Certificates, \
        install the new certificate and key where the configuration points, and restart the MID \
        Server. The portal lists each certificate's thumbprint and end date.
        """
}
