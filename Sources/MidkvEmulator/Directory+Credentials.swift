import Foundation
import MidkvCrypto

extension Directory {
    /// A certificate registered on an app: its thumbprints, and its key and dates when the
    /// seed gave the certificate itself.
    struct RegisteredCertificate: Sendable {
        /// The SHA-256 thumbprint, lower-case hexadecimal.
        var sha256: String
        /// The SHA-1 thumbprint, lower-case hexadecimal, when known.
        var sha1: String?
        /// Checks signatures with the certificate's public key, when known.
        var verifier: SignatureVerifier?
        /// The end of the certificate's validity, when known.
        var notAfter: Date?

        init?(_ seeded: EmulatorSeed.AppCertificate) {
            if let pem = seeded.certificate {
                guard let info = try? CertificateInfo.parse(pem: pem).first else {
                    return nil
                }
                sha256 = info.sha256Fingerprint
                sha1 = info.sha1Fingerprint
                verifier = try? SignatureVerifier(certificatePEM: pem)
                notAfter = info.notAfter
            } else if let thumbprint = seeded.thumbprint {
                sha256 = thumbprint.lowercased()
            } else {
                return nil
            }
        }
    }

    /// The key of a federated token issuer; with its private half when the emulator is the issuer.
    struct IssuerKey: Sendable {
        var verifier: SignatureVerifier
        var signingKey: SigningKey?
    }

    /// Every issuer's key: seeded public keys, and new key pairs for the issuers the emulator
    /// plays (seeded without a key, or named only by a federated credential).
    static func issuerKeys(_ seed: EmulatorSeed) -> [String: IssuerKey] {
        var keys: [String: IssuerKey] = [:]
        for issuer in seed.workloadIssuers {
            if let pem = issuer.publicKey, let verifier = EmulatorSeed.verifier(forPEM: pem) {
                keys[issuer.issuer] = IssuerKey(verifier: verifier, signingKey: nil)
            }
        }

        let named =
            seed.workloadIssuers.map(\.issuer) + seed.applications.flatMap { $0.federatedCredentials.map(\.issuer) }
        for issuer in named where keys[issuer] == nil {
            keys[issuer] = ownedIssuerKey(for: issuer)
        }
        return keys
    }

    /// The key pair the emulator signs with for `issuer`: one per issuer name and process.
    private static func ownedIssuerKey(for issuer: String) -> IssuerKey? {
        guard let key = try? ProcessKeys.rsa2048("workload issuer \(issuer)"),
            let verifier = try? SignatureVerifier(publicKeyPEM: key.publicKeyPEM())
        else {
            return nil
        }
        return IssuerKey(verifier: verifier, signingKey: key)
    }
}
