import MidkvCrypto
import MidkvSupport

extension ClientCertificate {
    static func unreadable(
        _ path: Setting<String>,
        role: String,
        problem: String,
        files: ClientCertificateFiles,
        fix: String? = nil
    ) -> MidkvError {
        MidkvError(
            .identityCertificateUnreadable,
            "The \(role) file \(path.value), given by \(path.source), \(problem)",
            evidence: files.evidence,
            fix: fix
                ?? """
                Give the path of a PEM file readable by the MID Server's user: \
                \(SettingKey.clientCertificate.supplyHint).
                """
        )
    }

    static func keyError(_ error: CryptoError, files: ClientCertificateFiles) -> MidkvError {
        let keyFile = files.keyFile
        switch error.code {
        case .noPrivateKey:
            return unreadable(
                keyFile,
                role: files.keyPath == nil ? "certificate" : "private key",
                problem: "holds no private key (BEGIN PRIVATE KEY)",
                files: files,
                fix: """
                    Put the certificate and its private key in one PEM file, or name the key's file \
                    too: \(SettingKey.clientCertificateKey.supplyHint).
                    """
            )
        case .passphraseRequired:
            return passphraseRequired(files)
        case .wrongPassphrase:
            return wrongPassphrase(files)
        default:
            return unreadable(keyFile, role: "private key", problem: "holds a key that cannot be decoded", files: files)
        }
    }

    private static func passphraseRequired(_ files: ClientCertificateFiles) -> MidkvError {
        MidkvError(
            .identityPassphraseRequired,
            "The private key in \(files.keyFile.value) is encrypted and no passphrase is configured",
            evidence: files.evidence,
            cause: "An encrypted key (BEGIN ENCRYPTED PRIVATE KEY) can only be used with its passphrase.",
            fix: """
                Write the passphrase to a file only the MID Server's user can read and pass its path \
                with --client-certificate-passphrase-file, or set the environment variable \
                AZURE_CLIENT_CERTIFICATE_PASSWORD to the passphrase itself; or store the key \
                unencrypted with file mode 0600.
                """
        )
    }

    private static func wrongPassphrase(_ files: ClientCertificateFiles) -> MidkvError {
        let source = files.passphrase.map { "from \($0.source)" } ?? ""
        return MidkvError(
            .identityWrongPassphrase,
            "The passphrase \(source) does not decrypt the private key in \(files.keyFile.value)",
            evidence: files.evidence,
            cause: """
                The passphrase is not the one the key was encrypted with; a passphrase file with an \
                extra line or trailing space is a common cause (midkv removes one final line break).
                """,
            fix: "Check the passphrase with `openssl pkey -in \(files.keyFile.value) -noout`, then correct it."
        )
    }

    static func mismatch(_ first: CertificateInfo, key: SigningKey, files: ClientCertificateFiles) -> MidkvError {
        MidkvError(
            .identityCertificateKeyMismatch,
            "The private key in \(files.keyFile.value) does not belong to the certificate \(first.subject)",
            evidence: [
                Evidence("certificate subject", first.subject),
                Evidence("certificate thumbprint (SHA-1, as the Azure portal shows it)", first.portalThumbprint),
                Evidence("key", key.kind.description),
            ] + files.evidence,
            cause: """
                The key and the certificate come from different key pairs: often a renewed \
                certificate was installed next to the old key, or the files of two certificates \
                were mixed up.
                """,
            fix: """
                Use the key the certificate was issued for. `openssl x509 -noout -pubkey -in CERT` \
                and `openssl pkey -pubout -in KEY` must print the same public key.
                """
        )
    }

    static func unsupportedKey(_ certificate: ClientCertificate) -> MidkvError {
        MidkvError(
            .identityUnsupportedKey,
            "The client certificate's key is \(certificate.key.kind); Entra ID accepts RSA keys only",
            evidence: certificate.evidence + certificate.files.evidence,
            cause: """
                Entra ID verifies certificate credentials with RS256 or PS256 signatures, which need \
                an RSA key; elliptic-curve (ES256) and other keys are refused.
                """,
            fix: """
                Create an RSA certificate, for example `openssl req -x509 -newkey rsa:2048 -keyout \
                key.pem -out cert.pem -days 365 -subj /CN=midkv`, upload cert.pem to the app \
                registration, and point the configuration at the new files.
                """
        )
    }
}
