import Foundation
import MidkvCrypto
import MidkvSupport

extension ClientCertificate {
    /// Reads the certificate and its key from `files`.
    ///
    /// The certificate file may hold a chain; the certificate used is the one the key belongs
    /// to. Dates are not checked here: see ``checkValidity(at:)``.
    /// - Throws: ``MidkvError`` with `identity.certificate-unreadable` (missing or unreadable
    ///   file, no certificate, no key), `identity.passphrase-required`,
    ///   `identity.wrong-passphrase`, `identity.certificate-key-mismatch` or
    ///   `identity.unsupported-key`.
    public static func load(
        _ files: ClientCertificateFiles,
        reader: ConfigurationFileReader = .system
    ) throws(MidkvError) -> ClientCertificate {
        let certificateText = try text(of: files.certificatePath, role: "certificate", files: files, reader: reader)
        let keyText =
            try files.keyPath.map { path throws(MidkvError) in
                try text(of: path, role: "private key", files: files, reader: reader)
            } ?? certificateText

        let infos = try certificates(in: certificateText, files: files)
        let key = try privateKey(in: keyText, files: files)
        guard let index = try? key.matchingCertificateIndex(inPEM: certificateText) else {
            throw mismatch(infos[0], key: key, files: files)
        }

        let certificate = ClientCertificate(files: files, info: infos[index], key: key)
        guard key.kind.isRSA else {
            throw unsupportedKey(certificate)
        }
        return certificate
    }

    private static func text(
        of path: Setting<String>,
        role: String,
        files: ClientCertificateFiles,
        reader: ConfigurationFileReader
    ) throws(MidkvError) -> String {
        let data: Data
        do {
            data = try reader.read(path.value)
        } catch {
            throw unreadable(path, role: role, problem: "cannot be read: \(error)", files: files)
        }

        guard let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN ") else {
            throw unreadable(
                path,
                role: role,
                problem: "is not PEM text",
                files: files,
                fix: """
                    midkv reads PEM files (-----BEGIN CERTIFICATE----- and -----BEGIN PRIVATE KEY-----). \
                    Convert a .pfx with `openssl pkcs12 -in cert.pfx -out cert.pem -nodes`, or a DER \
                    .cer with `openssl x509 -inform der -in cert.cer -out cert.pem`.
                    """
            )
        }
        return text
    }

    private static func certificates(
        in text: String,
        files: ClientCertificateFiles
    ) throws(MidkvError) -> [CertificateInfo] {
        do {
            return try CertificateInfo.parse(pem: text)
        } catch {
            throw unreadable(
                files.certificatePath,
                role: "certificate",
                problem: "holds no readable certificate (BEGIN CERTIFICATE)",
                files: files,
                fix: "Point the setting at the PEM file that holds the certificate registered on the app."
            )
        }
    }

    private static func privateKey(in text: String, files: ClientCertificateFiles) throws(MidkvError) -> SigningKey {
        do {
            return try SigningKey(pem: Secret(text), passphrase: files.passphrase?.value)
        } catch let error as CryptoError {
            throw keyError(error, files: files)
        } catch {
            throw unreadable(files.keyFile, role: "private key", problem: "cannot be decoded", files: files)
        }
    }
}
